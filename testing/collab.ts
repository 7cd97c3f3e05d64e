/**
 * A real collaboration server on a loopback port and real Yjs clients (HocuspocusProvider over
 * the `ws` package) for integration tests: no mock of the sync protocol or the database.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { HocuspocusProvider, HocuspocusProviderWebsocket } from "@hocuspocus/provider";
import WebSocket from "ws";
import * as Y from "yjs";

import type { Tx } from "@/db";
import { createCollabServer, type CollabServer, type CollabServerOptions } from "@/lib/collab/server";
import { issueTicket } from "@/lib/collab/token";

export const SECRET = "collab-test-secret-0123456789abcdef0123456789";

export type RunningCollab = { url: string; port: number; collab: CollabServer; stop: () => Promise<void> };

export async function startCollab(db: Tx, opts: Partial<CollabServerOptions> = {}, port = 0): Promise<RunningCollab> {
  const collab = createCollabServer({ db: async () => db, secret: SECRET, debounceMs: 50, maxDebounceMs: 200, recheckMs: 200, ...opts });
  const http: Server = createServer((_req, res) => res.writeHead(404).end());
  // X-Test-Client-Address stands for the address server/serve.mjs would have stamped (TRUST_PROXY).
  const clientAddress = (req: { headers: Record<string, string | string[] | undefined> }) => req.headers["x-test-client-address"] as string | undefined;
  http.on("upgrade", (req, socket, head) => collab.handleUpgrade(req, socket, head, clientAddress(req)) || socket.destroy());
  await new Promise<void>((resolve) => http.listen(port, "127.0.0.1", resolve));
  const bound = (http.address() as AddressInfo).port;
  return {
    url: `ws://127.0.0.1:${bound}/collab`,
    port: bound,
    collab,
    stop: async () => {
      await collab.close();
      http.closeAllConnections();
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
}

/**
 * `ws` reports closing a socket that is still connecting as an "error" event, which throws when
 * nobody listens (a browser's WebSocket does not); the provider does that on disconnect.
 */
class NodeWebSocket extends WebSocket {
  constructor(...args: ConstructorParameters<typeof WebSocket>) {
    super(...args);
    this.on("error", () => undefined);
  }
}

export type Client = {
  doc: Y.Doc;
  provider: HocuspocusProvider;
  socket: HocuspocusProviderWebsocket;
  events: { authFailed: string[]; closes: number[]; stateless: string[] };
  text: () => string;
  destroy: () => void;
};

export const ticketFor = (user: { id: string }, articleId: string, sv = 1, now = Date.now()) => issueTicket(SECRET, { uid: user.id, sv, aid: articleId }, now);

/** A client of document `article:<id>`; `token` defaults to a good ticket for `user`. */
export function connectClient(url: string, articleId: string, token: string, name = `article:${articleId}`): Client {
  const doc = new Y.Doc();
  const events = { authFailed: [] as string[], closes: [] as number[], stateless: [] as string[] };
  const socket = new HocuspocusProviderWebsocket({ url, WebSocketPolyfill: NodeWebSocket, delay: 50, maxDelay: 500, minDelay: 20 } as never);
  const provider = new HocuspocusProvider({
    websocketProvider: socket,
    name,
    document: doc,
    token,
    onAuthenticationFailed: ({ reason }) => void events.authFailed.push(reason),
    onClose: ({ event }) => void events.closes.push(event.code),
    onStateless: ({ payload }) => void events.stateless.push(payload),
  });
  provider.attach();
  return {
    doc,
    provider,
    socket,
    events,
    text: () => fragmentText(doc),
    destroy: () => {
      provider.destroy();
      socket.destroy();
    },
  };
}

/** The plain text of the body fragment, paragraph by paragraph. */
export function fragmentText(doc: Y.Doc): string {
  return doc
    .getXmlFragment("default")
    .toArray()
    .map((n) =>
      n instanceof Y.XmlElement
        ? n
            .toArray()
            .map((t) => (t instanceof Y.XmlText ? t.toString() : ""))
            .join("")
        : "",
    )
    .join("\n");
}

/** Appends text to the first paragraph (creating it), as a ProseMirror binding would. */
export function typeInto(doc: Y.Doc, text: string, at?: number): void {
  const fragment = doc.getXmlFragment("default");
  doc.transact(() => {
    let p = fragment.get(0) as Y.XmlElement | undefined;
    if (!p) {
      p = new Y.XmlElement("paragraph");
      fragment.insert(0, [p]);
    }
    let t = p.get(0) as Y.XmlText | undefined;
    if (!(t instanceof Y.XmlText)) {
      t = new Y.XmlText();
      p.insert(0, [t]);
    }
    t.insert(Math.min(at ?? t.length, t.length), text);
  });
}

export async function until(check: () => boolean | Promise<boolean>, ms = 10_000, what = "condition"): Promise<void> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`timed out waiting for ${what}`);
}
