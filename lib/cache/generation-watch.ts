/**
 * The public generation, pushed by the database instead of read per request.
 *
 * Migration 0012 announces every bump of public_cache_state on a channel; this watch LISTENs on a
 * connection of its own (PostgreSQL; on PGlite, the in-process database) and keeps the latest
 * value. The page cache and the cached public reads ask `peek()` first and only read the database
 * when it answers null.
 *
 * Freshness is bounded explicitly by `windowMs` (PAGE_CACHE_FRESHNESS_MS, default 500):
 * - a change is known as soon as its notification arrives (PostgreSQL sends it at commit);
 * - the watch re-reads the generation on its own connection every windowMs / 4, and `peek()`
 *   vouches for a value only while the last such read *started* less than windowMs ago. So if the
 *   connection dies silently (no close, notifications lost), pages can be stale for at most
 *   windowMs, then every request reads the database again, as without the watch;
 * - a connection that closes is noticed at once (peek() answers null) and re-opened every
 *   `retryMs`; LISTEN runs before the first read on the new connection, so nothing committed in
 *   between is missed;
 * - `invalidate()` (called after a change made by this process, lib/cache/revalidate.ts) makes
 *   peek() answer null until a read that started after it completes: the editor who published
 *   sees the change on their next request even if it outruns the notification.
 */
import type { Listener } from "@/db";
import { getPublicGeneration, listenForPublicGeneration, PUBLIC_GENERATION_CHANNEL } from "@/db/queries/system";

export type GenerationWatch = {
  /** The current public generation when the watch vouches for it, else null: read the database. */
  peek: () => number | null;
  /** Forget what is known until a read that starts now completes. */
  invalidate: () => void;
  close: () => Promise<void>;
  readonly state: "starting" | "listening" | "lost" | "closed";
};

export type WatchOptions = {
  listener: () => Listener;
  windowMs?: number;
  retryMs?: number;
  now?: () => number;
  onState?: (state: GenerationWatch["state"], error?: unknown) => void;
  /** Each new generation learnt after the first (a notification, or a read that found a newer one). */
  onChange?: (generation: number) => void;
};

export function watchPublicGeneration(o: WatchOptions): GenerationWatch {
  const windowMs = Math.max(1, o.windowMs ?? 500);
  const retryMs = o.retryMs ?? 1000;
  const now = o.now ?? (() => performance.now());
  let state: GenerationWatch["state"] = "starting";
  let listener: Listener | null = null;
  let generation: number | null = null;
  let confirmedAt = -Infinity;
  let invalidatedAt = -Infinity;
  let reading: Promise<void> | null = null;
  let retry: ReturnType<typeof setTimeout> | null = null;

  /** The generation as learnt now; a newer one than known is announced (not the first, nor an older one). */
  const learn = (g: number) => {
    const before = generation;
    generation = g;
    if (before !== null && g > before && o.onChange) {
      try {
        o.onChange(g);
      } catch {
        // The listener's failure is its own.
      }
    }
  };

  const setState = (next: GenerationWatch["state"], error?: unknown) => {
    if (state === "closed" || state === next) return;
    state = next;
    o.onState?.(next, error);
  };

  /** One read on the listening connection; the value holds as of the read's start. */
  const confirm = (): Promise<void> => {
    if (reading) return reading;
    const current = listener;
    if (!current) return Promise.resolve();
    const started = now();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer on the listening connection within ${4 * windowMs} ms`)), 4 * windowMs);
    });
    reading = Promise.race([getPublicGeneration({ db: current.db }), timeout])
      .then((g) => {
        if (listener !== current) return;
        learn(g);
        confirmedAt = started;
      })
      .finally(() => {
        clearTimeout(timer);
        reading = null;
        // Invalidated while this read was running: it does not count, read again.
        if (state === "listening" && confirmedAt < invalidatedAt) void confirm().catch(lost);
      });
    return reading;
  };

  const lost = (error?: unknown) => {
    if (state === "closed") return;
    setState("lost", error);
    const old = listener;
    listener = null;
    void old?.close().catch(() => {});
    if (!retry) retry = setTimeout(connect, retryMs);
    retry.unref?.();
  };

  async function connect() {
    retry = null;
    if (state === "closed") return;
    const current = o.listener();
    listener = current;
    current.start(
      (channel, payload) => {
        if (channel !== PUBLIC_GENERATION_CHANNEL || listener !== current) return;
        const g = Number(payload);
        // Notifications come in commit order, after the result of any read already answered.
        if (Number.isFinite(g)) learn(g);
      },
      () => {
        if (listener === current) lost(new Error("the listening connection closed"));
      },
    );
    try {
      await listenForPublicGeneration({ db: current.db });
      await confirm();
      if (listener === current) setState("listening");
    } catch (error) {
      if (listener === current) lost(error);
    }
  }

  const heartbeat = setInterval(
    () => {
      if (state === "listening") confirm().catch(lost);
    },
    Math.max(1, Math.floor(windowMs / 4)),
  );
  heartbeat.unref?.();
  void connect();

  return {
    peek() {
      if (state !== "listening" || generation === null) return null;
      if (confirmedAt < invalidatedAt || now() - confirmedAt > windowMs) return null;
      return generation;
    },
    invalidate() {
      invalidatedAt = now();
      if (state === "listening") confirm().catch(lost);
    },
    async close() {
      clearInterval(heartbeat);
      if (retry) clearTimeout(retry);
      state = "closed";
      const old = listener;
      listener = null;
      await old?.close();
    },
    get state() {
      return state;
    },
  };
}
