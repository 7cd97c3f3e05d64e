/**
 * The collaboration server: Hocuspocus (Yjs sync over WebSocket) with the newsroom's rules.
 * - Who: a signed ticket (lib/collab/token.ts) names the user; the user and the article are
 *   looked up now, and lib/permissions.ts decides: edit → read-write, view → read-only (the
 *   server drops the writes), otherwise refused. Open connections are re-checked every
 *   `recheckMs` (a submit, a role change or a deactivation takes effect within that time).
 * - What: the body of article `<uuid>` (document name `article:<uuid>`). Its Yjs state and the
 *   materialised, validated Tiptap JSON are written with a short debounce and on last disconnect
 *   (lib/collab/persistence.ts). A body changed outside the live session (restore, import, a
 *   version-checked save) replaces the live content.
 * - Limits: update and document size caps, connection attempts per client address and minute,
 *   counted in the database for every instance (lib/collab/limits.ts).
 */
import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import { Redis as RedisExtension } from "@hocuspocus/extension-redis";
import { Hocuspocus, type Document, type Extension } from "@hocuspocus/server";
import IORedis from "ioredis";
import { WebSocketServer } from "ws";

import type { Tx } from "@/db";
import { logger } from "@/lib/observability/log.mjs";

import { authenticate, collabAccessNow, type CollabContext } from "./access";
import { AttemptLimiter, DEFAULT_LIMITS, type CollabLimits } from "./limits";
import { LiveBodies } from "./persistence";

export const COLLAB_PATH = "/collab";
/** Close codes the browser tells apart (4000–4999 are the application's). */
export const CLOSE_FORBIDDEN = { code: 4403, reason: "Forbidden" };
export const CLOSE_TOO_LARGE = { code: 4413, reason: "Too large" };

export type CollabServerOptions = {
  db: () => Promise<Tx>;
  secret: string;
  redisUrl?: string;
  debounceMs?: number;
  maxDebounceMs?: number;
  recheckMs?: number;
  limits?: Partial<CollabLimits>;
};

export type CollabServer = {
  hocuspocus: Hocuspocus;
  /**
   * Takes the upgrade when it is for COLLAB_PATH (true), else leaves it to others (false).
   * `clientAddress`: who is connecting, as server/serve.mjs decided it (TRUST_PROXY); the
   * socket's peer when absent.
   */
  handleUpgrade: (req: IncomingMessage, socket: Duplex, head: Buffer, clientAddress?: string) => boolean;
  /** Stores every open document, then closes the connections. */
  close: () => Promise<void>;
};

const ctx = (c: { context: unknown }) => c.context as CollabContext;

function parseFlush(payload: string): { id: number } | null {
  if (payload.length > 200) return null;
  try {
    const msg = JSON.parse(payload) as { type?: unknown; id?: unknown };
    return msg.type === "flush" && typeof msg.id === "number" ? { id: msg.id } : null;
  } catch {
    return null;
  }
}

export function createCollabServer(opts: CollabServerOptions): CollabServer {
  const log = logger().child({ component: "collab" });
  const limits = { ...DEFAULT_LIMITS, ...opts.limits };
  const bodies = new LiveBodies({ db: opts.db, log, maxDocumentBytes: limits.maxDocumentBytes });
  const extensions: Extension[] = [];
  if (opts.redisUrl) {
    const url = opts.redisUrl;
    extensions.push(new RedisExtension({ createClient: () => new IORedis(url, { maxRetriesPerRequest: null, enableReadyCheck: false }) } as never));
  }

  const hocuspocus = new Hocuspocus({
    name: "newsroom",
    quiet: true,
    debounce: opts.debounceMs ?? 1000,
    maxDebounce: opts.maxDebounceMs ?? 5000,
    extensions,
    async onAuthenticate({ documentName, token, connectionConfig }) {
      const verdict = await authenticate({ db: await opts.db(), secret: opts.secret, documentName, token });
      if (!verdict.ok) {
        log.warn({ documentName: documentName.slice(0, 80), reason: verdict.reason }, "collab connection refused");
        throw Object.assign(new Error(verdict.reason), CLOSE_FORBIDDEN);
      }
      connectionConfig.readOnly = verdict.access === "view";
      return verdict.context;
    },
    onLoadDocument: ({ document, documentName }) => bodies.load(document, documentName),
    async beforeHandleMessage({ update, connection, document }) {
      if (update.byteLength > limits.maxUpdateBytes || bodies.wouldExceed(document, update.byteLength)) {
        log.warn({ documentName: document.name, bytes: update.byteLength, userId: ctx(connection).userId }, "collab update refused: too large");
        throw Object.assign(new Error("too large"), CLOSE_TOO_LARGE);
      }
    },
    // Who changed the body (the two-person rule counts them): only changes applied, never a mere
    // sync or presence message, so opening an article to review it does not make one its contributor.
    async onChange({ document, context }) {
      const userId = (context as Partial<CollabContext> | undefined)?.userId;
      if (userId) bodies.noteWriter(document, userId);
    },
    onStoreDocument: ({ document }) => bodies.store(document),
    // "flush" before a workflow transition: store now, then say so (components/editor/live-session.ts).
    async onStateless({ payload, document, connection }) {
      const msg = parseFlush(payload);
      if (!msg) return;
      // A read-only connection's writes were dropped, but it still waits for this answer before a
      // transition (an author withdrawing a submitted article): the document as the server has it
      // is stored, and the answer given, whoever asks.
      await bodies.store(document);
      connection.sendStateless(JSON.stringify({ type: "stored", id: msg.id }));
    },
    afterUnloadDocument: async ({ documentName }) => bodies.forget(documentName),
  });

  // Rights and outside changes, re-read for every open document.
  const recheck = async () => {
    const db = await opts.db();
    for (const document of [...hocuspocus.documents.values()]) {
      await recheckDocument(db, document).catch((error) => log.error({ err: error, documentName: document.name }, "collab recheck failed"));
    }
  };
  const recheckDocument = async (db: Tx, document: Document) => {
    const connections = document.getConnections();
    const access = await collabAccessNow({ db, articleId: bodies.articleIdOf(document.name), contexts: connections.map(ctx) });
    for (const [i, connection] of connections.entries()) {
      const now = access[i];
      if (now === "none") {
        log.info({ documentName: document.name, userId: ctx(connection).userId }, "collab access withdrawn");
        connection.close(CLOSE_FORBIDDEN);
      } else if (connection.readOnly !== (now === "view")) {
        connection.readOnly = now === "view";
        connection.sendStateless(JSON.stringify({ type: "access", access: now }));
      }
    }
    await bodies.followOutsideChanges(document);
  };
  let rechecking = false;
  const timer = setInterval(() => {
    if (rechecking) return;
    rechecking = true;
    void recheck().finally(() => (rechecking = false));
  }, opts.recheckMs ?? 2000);
  timer.unref();

  const attempts = new AttemptLimiter(opts.db, limits.attemptsPerMinute, (error) => log.warn({ err: error }, "collab attempts not counted"));
  const wss = new WebSocketServer({ noServer: true, maxPayload: limits.maxUpdateBytes + 4096 });
  const handleUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer, clientAddress?: string): boolean => {
    const path = (req.url ?? "").split("?")[0];
    if (path !== COLLAB_PATH && !path.startsWith(`${COLLAB_PATH}/`)) return false;
    const address = clientAddress || req.socket.remoteAddress || "unknown";
    // The socket may go while the attempt is counted: nothing is left to answer then.
    const gone = () => socket.destroy();
    socket.on("error", gone);
    void attempts.allow(address).then((allowed) => {
      socket.off("error", gone);
      if (socket.destroyed) return;
      if (!allowed) {
        log.warn({ address }, "collab connection refused: too many attempts");
        socket.end("HTTP/1.1 429 Too Many Requests\r\nConnection: close\r\nContent-Length: 0\r\n\r\n");
        return;
      }
      wss.handleUpgrade(req, socket, head, (ws) => {
        // An oversize frame (maxPayload) or a broken one: ws closes the socket and reports it here.
        ws.on("error", (error) => log.warn({ address, err: error.message }, "collab connection closed: bad frame"));
        hocuspocus.handleConnection(ws as never, req);
      });
    });
    return true;
  };

  const close = async () => {
    clearInterval(timer);
    // The process exits 5 s after SIGTERM (server/serve.mjs): a store failing then is not retried for ever.
    bodies.closing(3_000);
    await Promise.all([...hocuspocus.documents.values()].map((d) => bodies.store(d).catch(() => undefined)));
    bodies.close();
    hocuspocus.closeConnections();
    for (const ws of wss.clients) ws.terminate();
    wss.close();
    await hocuspocus.hooks("onDestroy", { instance: hocuspocus }).catch(() => undefined);
  };
  return { hocuspocus, handleUpgrade, close };
}
