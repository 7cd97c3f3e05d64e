/*
 * The Content API's answers, kept per public generation (db/queries/system.ts).
 *
 * Every answer is a pure function of the published content, the request's origin and its path and
 * query: two keys asking for the same page get the same bytes. The public generation changes with
 * every change a reader could see (the triggers of migrations 0003 and 0012), so an answer kept
 * under the generation it was read at is never served once that generation has passed: the same
 * freshness as the public pages (a change is seen on the next request; with the generation watch,
 * within PAGE_CACHE_FRESHNESS_MS at most if its connection dies silently).
 *
 * The key is still checked on every request (revocation and the rate limit are immediate); only
 * the reads and the JSON are saved. Bounded by API_CACHE_MB (default 8; 0: off), least recently
 * used first out.
 */

import { processSlot } from "@/lib/process-slot.mjs";

export type ApiBody = { json: string; etag: string };

export type ResponseCache = {
  get(generation: number, key: string): ApiBody | undefined;
  set(generation: number, key: string, body: ApiBody): void;
  readonly bytes: number;
  readonly size: number;
};

/** The cost of an entry: its JSON as UTF-16 in memory, its key, and a little for the objects. */
const costOf = (key: string, body: ApiBody) => 2 * (key.length + body.json.length + body.etag.length) + 200;

export function responseCache(maxBytes: number): ResponseCache {
  let generation = -1;
  // Insertion order is recency: a hit moves its entry to the end, the first one is the oldest.
  const entries = new Map<string, ApiBody>();
  let bytes = 0;
  const reset = (g: number) => {
    entries.clear();
    bytes = 0;
    generation = g;
  };
  return {
    get(g, key) {
      if (g !== generation) return undefined;
      const body = entries.get(key);
      if (body) {
        entries.delete(key);
        entries.set(key, body);
      }
      return body;
    },
    set(g, key, body) {
      // An answer read at an older generation than the one already kept is not kept: it may be stale.
      if (g < generation) return;
      if (g > generation) reset(g);
      const cost = costOf(key, body);
      if (cost > maxBytes / 4) return;
      const old = entries.get(key);
      if (old) {
        entries.delete(key);
        bytes -= costOf(key, old);
      }
      entries.set(key, body);
      bytes += cost;
      for (const [k, v] of entries) {
        if (bytes <= maxBytes) break;
        entries.delete(k);
        bytes -= costOf(k, v);
      }
    },
    get bytes() {
      return bytes;
    },
    get size() {
      return entries.size;
    },
  };
}

/**
 * The process's one cache, or null when API_CACHE_MB is 0. Every API route shares it, whichever
 * copy of this module it loaded (lib/process-slot.mjs).
 */
export function sharedResponseCache(env: Record<string, string | undefined> = process.env): ResponseCache | null {
  const kept = slot();
  if (kept.cache === undefined) {
    const mb = Number(env.API_CACHE_MB ?? 8);
    kept.cache = Number.isFinite(mb) && mb > 0 ? responseCache(mb * 1024 * 1024) : null;
  }
  return kept.cache;
}

const slot = processSlot("newsroom.contentApiResponseCache", (): { cache?: ResponseCache | null } => ({}));
