"use client";

/**
 * The browser side of co-editing: a Yjs document for the body, kept in IndexedDB (y-indexeddb)
 * and synced with the collaboration server over WebSocket /collab (HocuspocusProvider). Outside
 * React like the AutosaveController; the editor reads its state with useSyncExternalStore.
 *
 * It decides the editor's mode once, on arrival: "live" as soon as the server has synced (or,
 * offline, when this device already holds the document), "classic" (the version-checked save
 * path) when the server cannot be reached in PROBE_MS and nothing is held here.
 */
import { HocuspocusProvider, HocuspocusProviderWebsocket } from "@hocuspocus/provider";
import { IndexeddbPersistence } from "y-indexeddb";
import * as Y from "yjs";

import { afterTask } from "./after-task";

export const PROBE_MS = 4000;
const FLUSH_MS = 10_000;

export type LivePerson = { clientId: number; name: string; color: string };
export type LiveState = {
  mode: "probing" | "live" | "classic";
  online: boolean;
  unsynced: boolean;
  storedAt: Date | null;
  readOnly: boolean;
  /**
   * The server ended this person's access (a role change, a deactivation, the article out of
   * their reach): the body is read-only and what they type would be kept by no one.
   */
  accessEnded: boolean;
  people: LivePerson[];
};

const PALETTE = ["#b91c1c", "#1d4ed8", "#047857", "#7c3aed", "#b45309", "#be185d", "#0e7490", "#4d7c0f"];
/** A stable colour per user, readable on white and dark backgrounds. */
export function colorFor(userId: string): string {
  let h = 0;
  for (const ch of userId) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  return PALETTE[h % PALETTE.length];
}

/** The session's own sentences in the interface language (English when not given). */
export type LiveTexts = { offline: string; notSaved: string };
const LIVE_ENGLISH: LiveTexts = {
  offline: "You are offline: the text is kept on this device and sent when the connection returns.",
  notSaved: "The text could not be saved yet. Try again in a moment.",
};

/**
 * The provider, with two changes from HocuspocusProvider 3.4:
 * - it sends the server only this client's own awareness changes: it used to send back every
 *   change it received from the server too, so each person's caret move came back once per
 *   other person in the document (ignored by the server as not newer);
 * - this person's document updates are sent right after the keystroke's task (components/editor/
 *   after-task.ts), merged when several came in one task, instead of inside it: the keystroke
 *   is on screen sooner, and a burst of typing is one message. `flush()` checks `hasUnsent`.
 */
export class LiveProvider extends HocuspocusProvider {
  private outbox: Uint8Array[] = [];
  private readonly sendSoon = afterTask(() => {
    const updates = this.outbox;
    this.outbox = [];
    if (updates.length) super.documentUpdateHandler(updates.length === 1 ? updates[0] : Y.mergeUpdates(updates), null);
  });

  get hasUnsent(): boolean {
    return this.outbox.length > 0;
  }

  /** Sends what waits for the end of the current task now (before a workflow transition). */
  sendPending(): void {
    this.sendSoon.flush();
  }

  override documentUpdateHandler(update: Uint8Array, origin: unknown): void {
    if (origin === this) return;
    this.outbox.push(update);
    this.sendSoon.schedule();
  }

  override awarenessUpdateHandler(changes: { added: number[]; updated: number[]; removed: number[] }, origin: unknown): void {
    if (origin === this) return;
    super.awarenessUpdateHandler(changes, origin);
  }

  override destroy(): void {
    this.sendSoon.flush();
    super.destroy();
  }
}

/** How long other people's updates may wait to be written to this device, together. */
const REMOTE_BATCH_MS = 300;

/**
 * The device's copy of the document (y-indexeddb), which writes every update in an IndexedDB
 * transaction of its own, at once, inside the keystroke (or the remote change) that made it:
 * fifty transactions a second with ten people typing. Updates are now written together: this
 * person's own right after the keystroke has been handled (a zero timer), other people's (already
 * on the server) at most REMOTE_BATCH_MS later, everything waiting in one merged update. On
 * `pagehide` and when the session ends, what waits is written at once. Yjs updates apply in any
 * order, so a copy read back is always whole; an update whose neighbours were not written yet
 * waits in it until they arrive from the server.
 */
export class LocalCopy extends IndexeddbPersistence {
  private pending: Uint8Array[] = [];
  private timer: ReturnType<typeof setTimeout> | null = null;
  private soon = false;
  private readonly write: (update: Uint8Array, origin: unknown) => void;

  constructor(name: string, doc: Y.Doc, isRemote: (origin: unknown) => boolean) {
    super(name, doc);
    this.write = this._storeUpdate;
    doc.off("update", this.write);
    this._storeUpdate = (update, origin) => {
      if (origin === this) return;
      this.pending.push(update);
      const local = !isRemote(origin);
      if (this.timer !== null && (this.soon || !local)) return;
      if (this.timer !== null) clearTimeout(this.timer);
      this.soon = local;
      this.timer = setTimeout(this.flush, local ? 0 : REMOTE_BATCH_MS);
    };
    doc.on("update", this._storeUpdate);
  }

  /** Writes what waits now, merged into one update. */
  readonly flush = () => {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    if (!this.pending.length) return;
    const merged = this.pending.length === 1 ? this.pending[0] : Y.mergeUpdates(this.pending);
    this.pending = [];
    this.write(merged, null);
  };

  override destroy(): Promise<void> {
    this.flush();
    return super.destroy();
  }
}

/**
 * A connection whose person lost access to the article (lib/collab/server.ts, CLOSE_FORBIDDEN):
 * the server closes the document's channel, which the provider reports with the reason only (the
 * code of a channel's close is always 1000; 4403 would be the whole socket's).
 */
const isForbidden = (event: { code?: number; reason?: string }) => event.code === 4403 || event.reason === "Forbidden";

type Options = { articleId: string; me: { id: string; name: string }; getTicket: () => Promise<string>; texts?: LiveTexts };

export class LiveSession {
  readonly doc = new Y.Doc();
  readonly provider: LiveProvider;
  private socket: HocuspocusProviderWebsocket;
  private idb: LocalCopy;
  private state: LiveState = { mode: "probing", online: false, unsynced: false, storedAt: null, readOnly: false, accessEnded: false, people: [] };
  private listeners = new Set<() => void>();
  private waiters = new Map<number, () => void>();
  private nextFlush = 1;
  private probe: ReturnType<typeof setTimeout>;
  private readonly texts: LiveTexts;

  constructor(readonly opts: Options) {
    this.texts = opts.texts ?? LIVE_ENGLISH;
    this.idb = new LocalCopy(`newsroom-article-${opts.articleId}`, this.doc, (origin) => origin === this.provider);
    const url = `${location.protocol === "https:" ? "wss" : "ws"}://${location.host}/collab`;
    this.socket = new HocuspocusProviderWebsocket({ url, maxDelay: 5000 } as never);
    this.provider = new LiveProvider({
      websocketProvider: this.socket,
      name: `article:${opts.articleId}`,
      document: this.doc,
      token: opts.getTicket,
      onSynced: () => this.set({ mode: this.state.mode === "classic" ? "classic" : "live", online: true }),
      onStatus: ({ status }) => this.set({ online: status === "connected" }),
      onUnsyncedChanges: ({ number }) => this.set({ unsynced: number > 0, ...(number === 0 && this.state.online ? { storedAt: new Date() } : {}) }),
      onAuthenticationFailed: () => {
        if (this.state.mode === "probing") this.fallBack();
        else this.set({ readOnly: true, accessEnded: true });
      },
      // The server closes a connection whose person may no longer see the article (CLOSE_FORBIDDEN
      // in lib/collab/server.ts); the reconnection that follows is refused too.
      onClose: ({ event }) => {
        if (isForbidden(event) && this.state.mode === "live") this.set({ readOnly: true, accessEnded: true });
      },
      onStateless: ({ payload }) => this.onStateless(payload),
      onAwarenessChange: () => this.readPeople(),
    });
    this.provider.attach();
    window.addEventListener("offline", this.wentOffline);
    window.addEventListener("online", this.cameOnline);
    window.addEventListener("pagehide", this.idb.flush);
    this.provider.setAwarenessField("user", { name: opts.me.name, color: colorFor(opts.me.id) });
    void this.idb.whenSynced.then(() => {
      if (this.state.mode === "probing" && !navigator.onLine && this.holdsBody()) this.set({ mode: "live" });
    });
    this.probe = setTimeout(() => {
      if (this.state.mode !== "probing") return;
      if (this.holdsBody()) this.set({ mode: "live" });
      else this.fallBack();
    }, PROBE_MS);
  }

  subscribe = (fn: () => void) => {
    this.listeners.add(fn);
    return () => void this.listeners.delete(fn);
  };
  getState = () => this.state;

  /**
   * Before a workflow transition: every local change acknowledged by the server, then stored by
   * it, so the revision the transition cuts holds what is on screen.
   */
  async flush(): Promise<{ ok: true } | { ok: false; message: string }> {
    if (this.state.mode !== "live") return { ok: true };
    // Someone who may only read (an author while the article is in review, about to withdraw it)
    // has sent nothing the server would keep: there is nothing to wait for.
    if (this.state.readOnly) return { ok: true };
    if (!this.state.online) return { ok: false, message: this.texts.offline };
    const end = Date.now() + FLUSH_MS;
    this.provider.sendPending();
    await this.acknowledged(end);
    const id = this.nextFlush++;
    const stored = new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => resolve(false), Math.max(0, end - Date.now()));
      this.waiters.set(id, () => (clearTimeout(timer), resolve(true)));
    });
    this.provider.sendStateless(JSON.stringify({ type: "flush", id }));
    const ok = await stored;
    this.waiters.delete(id);
    if (ok) this.set({ storedAt: new Date() });
    return ok ? { ok: true } : { ok: false, message: this.texts.notSaved };
  }

  /**
   * Resolves once the server has acknowledged every update sent and nothing waits to be sent (or
   * at `end`): on the provider's count of unacknowledged updates reaching 0, not on a poll.
   */
  private acknowledged(end: number): Promise<void> {
    const provider = this.provider;
    const settled = () => !provider.hasUnsent && !provider.hasUnsyncedChanges;
    if (settled()) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        provider.off("unsyncedChanges", check);
        resolve();
      };
      const check = () => {
        if (settled()) done();
      };
      const timer = setTimeout(done, Math.max(0, end - Date.now()));
      provider.on("unsyncedChanges", check);
    });
  }

  /** The browser knows before the socket does; the socket may also have survived a short drop. */
  private wentOffline = () => this.set({ online: false });
  private cameOnline = () => {
    if (this.state.mode !== "live") return;
    if (this.socket.status === "connected") {
      this.set({ online: true });
      this.provider.forceSync();
    } else void this.socket.connect();
  };

  destroy() {
    window.removeEventListener("offline", this.wentOffline);
    window.removeEventListener("online", this.cameOnline);
    window.removeEventListener("pagehide", this.idb.flush);
    clearTimeout(this.probe);
    this.provider.destroy();
    this.socket.destroy();
    void this.idb.destroy();
    this.listeners.clear();
  }

  private holdsBody(): boolean {
    return this.doc.getXmlFragment("default").length > 0;
  }

  private fallBack() {
    clearTimeout(this.probe);
    this.set({ mode: "classic" });
    this.provider.destroy();
    this.socket.destroy();
    void this.idb.destroy();
  }

  private onStateless(payload: string) {
    let msg: { type?: string; id?: number; access?: string };
    try {
      msg = JSON.parse(payload) as typeof msg;
    } catch {
      return;
    }
    if (msg.type === "stored" && typeof msg.id === "number") this.waiters.get(msg.id)?.();
    if (msg.type === "access") this.set({ readOnly: msg.access !== "edit" });
  }

  /** On every awareness change (each caret move of each person): the state changes only when the list does. */
  private readPeople() {
    const people: LivePerson[] = [];
    for (const [clientId, s] of this.provider.awareness?.getStates() ?? []) {
      const user = (s as { user?: { name?: unknown; color?: unknown } }).user;
      if (clientId === this.doc.clientID || typeof user?.name !== "string") continue;
      people.push({ clientId, name: user.name, color: typeof user.color === "string" ? user.color : "#555" });
    }
    const same = (a: LivePerson, b: LivePerson | undefined) => b !== undefined && a.clientId === b.clientId && a.name === b.name && a.color === b.color;
    if (people.length === this.state.people.length && people.every((p, i) => same(p, this.state.people[i]))) return;
    this.set({ people });
  }

  private set(patch: Partial<LiveState>) {
    this.state = { ...this.state, ...patch };
    for (const fn of this.listeners) fn();
  }
}
