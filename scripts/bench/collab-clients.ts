/**
 * Simulated collaborators for the co-editing bench: Yjs documents synced by @hocuspocus/provider
 * over real WebSockets to the app's /collab endpoint, with tickets signed the way the server
 * accepts them (lib/collab/token.ts, the app's AUTH_SECRET). Several documents may share one
 * socket (Hocuspocus multiplexes them), which keeps the bench under the per-address limit on
 * connection attempts.
 */
import { HocuspocusProvider, HocuspocusProviderWebsocket } from "@hocuspocus/provider";
import WebSocket from "ws";
import * as Y from "yjs";

import { issueTicket } from "@/lib/collab/token";

/** `ws` reports closing a socket that is still connecting as an "error" event: listened to here. */
class NodeWebSocket extends WebSocket {
  constructor(...args: ConstructorParameters<typeof WebSocket>) {
    super(...args);
    this.on("error", () => undefined);
  }
}

export type BenchUser = { id: string; sessionVersion: number };

/** Socket closes seen by the simulated clients (a reconnect loop shows here). */
export const socketCloses: { code: number; reason: string }[] = [];

export function openSocket(url: string): HocuspocusProviderWebsocket {
  const socket = new HocuspocusProviderWebsocket({ url, WebSocketPolyfill: NodeWebSocket, delay: 100, maxDelay: 1000, minDelay: 50 } as never);
  socket.on("close", ({ event }: { event: { code: number; reason: string } }) => void socketCloses.push({ code: event.code, reason: String(event.reason) }));
  return socket;
}

/** `p`, or an error after `ms` saying what was awaited: the bench stays bounded. */
export function within<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  return Promise.race([
    p,
    new Promise<never>((_, reject) =>
      setTimeout(
        () =>
          reject(
            new Error(`${what}: not done in ${ms / 1000} s (simulated sockets closed ${socketCloses.length} times: ${JSON.stringify(socketCloses.slice(-3))})`),
          ),
        ms,
      ).unref(),
    ),
  ]);
}

export type SimClient = { doc: Y.Doc; provider: HocuspocusProvider; synced: Promise<void>; destroy: () => void };

export function simClient(socket: HocuspocusProviderWebsocket, secret: string, user: BenchUser, articleId: string): SimClient {
  const doc = new Y.Doc();
  let resolve!: () => void;
  let reject!: (e: Error) => void;
  const synced = new Promise<void>((res, rej) => ((resolve = res), (reject = rej)));
  const provider = new HocuspocusProvider({
    websocketProvider: socket,
    name: `article:${articleId}`,
    document: doc,
    token: issueTicket(secret, { uid: user.id, sv: user.sessionVersion, aid: articleId }),
    onSynced: () => resolve(),
    onAuthenticationFailed: ({ reason }) => reject(new Error(`collab ticket refused: ${reason}`)),
  });
  provider.attach();
  return { doc, provider, synced, destroy: () => provider.destroy() };
}

/** The paragraph's text node (docFromParagraphs makes one per paragraph). */
export function paragraphText(doc: Y.Doc, index: number): Y.XmlText | null {
  const fragment = doc.getXmlFragment("default");
  const p = fragment.get(Math.min(index, Math.max(0, fragment.length - 1)));
  if (!(p instanceof Y.XmlElement)) return null;
  const t = p.get(0);
  return t instanceof Y.XmlText ? t : null;
}

/** Inserts `text` in paragraph `index` at `at` (clamped), as a ProseMirror binding would. */
export function insertText(doc: Y.Doc, index: number, text: string, at: number): void {
  const t = paragraphText(doc, index);
  if (!t) return;
  doc.transact(() => t.insert(Math.max(0, Math.min(at, t.length)), text));
}

/** The body's plain text, paragraph by paragraph. */
export function docText(doc: Y.Doc): string {
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

/** Wall-clock milliseconds with sub-millisecond resolution, comparable with a page's `performance.timeOrigin + performance.now()`. */
export const epochNow = () => performance.timeOrigin + performance.now();
