// @ts-check
/**
 * Where the page cache keeps rendered pages: a segmented LRU bounded in bytes and entries, for
 * one public generation at a time, with expired entries swept in the background.
 *
 * A page enters on probation and is protected once it is asked for again. Eviction takes
 * probation first, so a flood of one-off pages (every search query, every host name a client
 * makes up) churns among itself and never pushes out the pages readers actually come back to.
 * Protected holds at most 80 % of the budget. Insertion order = least recently used first in both.
 */

/**
 * `template`: the body with its CSP nonce cut out (nonce-body.mjs); `body` then holds its bytes.
 * `nonceHeaders`: the stored headers whose values named that nonce, cut around it (page-cache.mjs).
 * `replay`: the request that renders this entry again (its canonical URL and the headers its key
 * holds), for prime.mjs.
 * @typedef {{ url: string; headers: Record<string, string> }} Replay
 * @typedef {{ status: number; headers: Record<string, string | string[]>; body: Buffer; template?: import("./nonce-body.mjs").NonceTemplate; policyOnly?: boolean; nonceHeaders?: Array<[string, string[][]]>; replay?: Replay; generation: number; storedAt: number; cost: number }} Entry
 * @typedef {{ key: string; replay: Replay; generation: number }} HotPage
 * @typedef {{ stored: number; evicted: number; swept: number }} StoreStats
 */

/** How many of the most recently read pages are remembered across a change of generation (hotPages). */
const HOT_KEPT = 64;

/** Rough fixed cost of one entry beyond its bytes (Map slot, entry object, Buffer object). */
const ENTRY_OVERHEAD = 64;

/**
 * What an entry costs in memory, as counted against `maxBytes`: the body, the key, every stored
 * header name and value, the pieces of the headers that named a nonce, a gzip template's CRC
 * tables (33 numbers a piece), plus a fixed overhead (keys of up to 16 KB of URL used to be free).
 * @param {string} key
 * @param {{ headers: Record<string, string | string[]>; body: Buffer; nonceHeaders?: Entry["nonceHeaders"]; template?: Entry["template"] }} entry
 */
export function entryCost(key, { headers, body, nonceHeaders, template }) {
  let n = body.length + Buffer.byteLength(key) + ENTRY_OVERHEAD;
  for (const [k, v] of Object.entries(headers)) {
    n += k.length;
    for (const value of Array.isArray(v) ? v : [v]) n += Buffer.byteLength(String(value));
  }
  for (const [name, values] of nonceHeaders ?? []) {
    n += name.length;
    for (const pieces of values) for (const piece of pieces) n += Buffer.byteLength(piece);
  }
  if (template) n += template.crcs.length * 33 * 8;
  return n;
}

/**
 * @param {{ maxBytes: number; maxEntries: number; maxEntryBytes: number; ttlMs: number; sweepIntervalMs?: number; now: () => number; stats: StoreStats }} options
 */
export function createEntryStore({ maxBytes, maxEntries, maxEntryBytes, ttlMs, sweepIntervalMs, now, stats }) {
  /** @type {Map<string, Entry>} */
  const probation = new Map();
  /** @type {Map<string, Entry>} */
  const protectedEntries = new Map();
  const protectedMaxBytes = maxBytes * 0.8;
  const protectedMaxEntries = Math.max(1, Math.floor(maxEntries * 0.8));
  let bytes = 0;
  let protectedBytes = 0;
  let generationSeen = -1;
  /** The key touch() last put at the recent end of the protected segment (a hot page asked again and again). */
  let lastTouched = "";
  /** The pages readers were reading when the generation last changed (hotPages). @type {HotPage[]} */
  let hotAtChange = [];

  /** @param {string} key */
  function drop(key) {
    const e = protectedEntries.get(key);
    if (e) {
      protectedEntries.delete(key);
      protectedBytes -= e.cost;
      bytes -= e.cost;
      return;
    }
    const p = probation.get(key);
    if (!p) return;
    probation.delete(key);
    bytes -= p.cost;
  }

  function clear() {
    probation.clear();
    protectedEntries.clear();
    bytes = 0;
    protectedBytes = 0;
  }

  /** Every stored page belongs to an older generation once a new one is seen: none can be served again. @param {number} generation */
  function noteGeneration(generation) {
    if (generation === generationSeen) return;
    // Which pages readers were reading, for whoever renders them again ahead of the readers.
    hotAtChange = recentlyRead(HOT_KEPT);
    clear();
    generationSeen = generation;
  }

  /**
   * The pages read most recently: first the protected ones (read at least twice), then, while
   * there is room, those on probation (read once since the last change: on a small site, or
   * right after a change, that is every page). Most recent first in each.
   * @param {number} n
   * @returns {HotPage[]}
   */
  function recentlyRead(n) {
    /** @type {HotPage[]} */
    const pages = [];
    if (n <= 0) return pages;
    for (const map of [protectedEntries, probation]) {
      /** @type {HotPage[]} */
      const all = [];
      for (const [key, e] of map) if (e.replay) all.push({ key, replay: e.replay, generation: e.generation });
      pages.push(...all.slice(-(n - pages.length)).reverse());
      if (pages.length >= n) break;
    }
    return pages;
  }

  /**
   * The pages readers read, most recent first: those in the store now, then those that were when
   * the generation last changed (the change emptied the store, maybe before anyone asked for them
   * again). `generation`: that of the page's entry now, else of the one it had.
   * @param {number} n
   * @returns {HotPage[]}
   */
  function hotPages(n) {
    /** @type {Map<string, HotPage>} */
    const pages = new Map();
    for (const page of [...recentlyRead(n), ...hotAtChange]) {
      if (pages.size >= n) break;
      if (pages.has(page.key)) continue;
      const current = protectedEntries.get(page.key) ?? probation.get(page.key);
      pages.set(page.key, current ? { ...page, generation: current.generation } : page);
    }
    return [...pages.values()];
  }

  /** Drops what can never be served again (expired, or of an older generation). */
  function sweep() {
    const t = now();
    for (const map of [probation, protectedEntries]) {
      for (const [k, e] of map) {
        if (e.generation !== generationSeen || t - e.storedAt >= ttlMs) {
          drop(k);
          stats.swept++;
        }
      }
    }
  }
  // Expired entries are dropped in the background too, not only when asked for again.
  /** @type {ReturnType<typeof setInterval> | null} */
  let sweeper = null;
  const sweepEvery = sweepIntervalMs ?? Math.max(1000, Math.min(ttlMs, 60_000));
  function startSweeper() {
    if (sweeper || !(sweepEvery > 0)) return;
    sweeper = setInterval(sweep, sweepEvery);
    sweeper.unref?.();
  }

  function evict() {
    while (bytes > maxBytes || probation.size + protectedEntries.size > maxEntries) {
      const from = probation.size > 0 ? probation : protectedEntries;
      const oldest = from.keys().next();
      if (oldest.done) break;
      drop(oldest.value);
      stats.evicted++;
    }
  }

  /** @param {string} key @param {Omit<Entry, "cost">} fields */
  function store(key, fields) {
    if (fields.generation !== generationSeen || fields.body.length > maxEntryBytes || maxBytes <= 0) return;
    const entry = { ...fields, cost: entryCost(key, fields) };
    if (entry.cost > maxBytes) return;
    drop(key);
    probation.set(key, entry);
    bytes += entry.cost;
    stats.stored++;
    evict();
    startSweeper();
  }

  /** The entry stored for this generation and not expired; a stale one is dropped. @param {string} key @param {number} generation */
  function lookup(key, generation) {
    const hit = protectedEntries.get(key) ?? probation.get(key);
    if (!hit) return null;
    if (hit.generation !== generation || now() - hit.storedAt >= ttlMs) {
      drop(key);
      return null;
    }
    return hit;
  }

  /** A second request for a page on probation protects it; the protected overflow goes back on probation. @param {string} key @param {Entry} entry */
  function touch(key, entry) {
    // Already the most recent: moving it to the end again would change nothing.
    if (key === lastTouched && protectedEntries.get(key) === entry) return;
    lastTouched = key;
    if (protectedEntries.has(key)) {
      protectedEntries.delete(key);
      protectedEntries.set(key, entry);
      return;
    }
    probation.delete(key);
    protectedEntries.set(key, entry);
    protectedBytes += entry.cost;
    while (protectedBytes > protectedMaxBytes || protectedEntries.size > protectedMaxEntries) {
      const oldest = protectedEntries.entries().next();
      if (oldest.done || oldest.value[0] === key) break;
      const [k, e] = oldest.value;
      protectedEntries.delete(k);
      protectedBytes -= e.cost;
      probation.set(k, e);
    }
  }

  return {
    noteGeneration,
    hotPages,
    lookup,
    touch,
    store,
    sweep,
    clear,
    get size() {
      return probation.size + protectedEntries.size;
    },
    get bytes() {
      return bytes;
    },
    /** @param {string} key */
    has(key) {
      return probation.has(key) || protectedEntries.has(key);
    },
    /** Stops the background sweep (tests; the server runs until it exits). */
    close() {
      if (sweeper) clearInterval(sweeper);
      sweeper = null;
    },
  };
}
