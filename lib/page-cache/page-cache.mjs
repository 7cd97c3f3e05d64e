// @ts-check
/**
 * Whole-response cache for public pages, in front of Next's request handler (scripts/serve.mjs).
 *
 * Public pages are the same for every reader, so a rendered page can be served again until
 * something readers can see changes. "Changes" is the database's public generation
 * (public_cache_state, bumped by triggers in the same transaction as the change, migration 0003):
 * every entry is stored under the generation read *before* its render began, and a request is
 * answered from the cache only after a generation read that *started after the request arrived*.
 * So a reader never gets a page older than the last committed change — publish, correction,
 * unpublish, a profile or tag edit — on any instance, including changes made by the scheduler.
 * Concurrent requests share one generation read (at most one in flight, plus one queued), so the
 * database sees one small primary-key lookup per burst, not per request.
 *
 * Entries also expire after `ttlMs` (default 60 s): a few things on a page follow the clock, not
 * the database (the date in the header, the news sitemap's 48-hour window).
 *
 * What is cached: GET/HEAD of the public routes (public-routes.mjs, with the query parameters
 * each reads), never a request carrying a session cookie's effects (responses that set
 * cookies), never the React Server Component payloads of client navigation, never anything but
 * a 200. A request is keyed on, and rendered as, its canonical URL (junk parameters and other
 * spellings of a path are one entry and one render), the validated host and forwarded host/proto
 * (absolute URLs in pages follow them when SITE_URL is unset; not keyed when it is set) and the
 * class of Accept-Encoding Next's compression answers alike; a stored body is only served to
 * clients that accept its Content-Encoding.
 *
 * Memory: every entry is counted with its key and headers against `maxBytes`, at most
 * `maxEntries` are kept, expired ones are swept in the background, and pages asked for twice
 * are protected from a flood of one-off ones (segmented LRU).
 */

import { validHost, validProto } from "../seo/request-origin.mjs";
import { canonicalPublicUrl } from "./public-routes.mjs";

/** Headers that describe one transmission, not the resource: never stored. */
const HOP_HEADERS = new Set(["date", "connection", "keep-alive", "transfer-encoding", "content-length", "set-cookie", "x-newsroom-cache"]);

/**
 * Accept-Encoding as q-values (RFC 9110 §12.5.3): coding (lower case) → q. Unparsable q-values
 * count as 0 (not acceptable), so a malformed header never widens what a client accepts.
 * @param {string | string[] | undefined} header
 * @returns {Map<string, number>}
 */
export function parseAcceptEncoding(header) {
  /** @type {Map<string, number>} */
  const codings = new Map();
  const text = Array.isArray(header) ? header.join(",") : (header ?? "");
  for (const part of text.split(",")) {
    const [name, ...params] = part.split(";").map((s) => s.trim());
    if (!name) continue;
    let q = 1;
    for (const p of params) {
      const m = /^q\s*=\s*([0-9](?:\.[0-9]{0,3})?)$/i.exec(p);
      if (m) q = Math.min(1, Number(m[1]));
      else if (/^q\s*=/i.test(p)) q = 0;
    }
    const coding = name.toLowerCase();
    if (!codings.has(coding)) codings.set(coding, q);
  }
  return codings;
}

/**
 * How much a client wants a coding: its own entry, else "*", else (identity only) acceptable
 * unless excluded. 0 means not acceptable.
 * @param {Map<string, number>} codings
 * @param {string} coding
 */
function quality(codings, coding) {
  const own = codings.get(coding);
  if (own !== undefined) return own;
  const any = codings.get("*");
  if (any !== undefined) return any;
  if (coding !== "identity") return 0;
  // Like Next's negotiator: an unlisted identity ranks with the least wanted listed coding.
  return codings.size === 0 ? 1 : Math.max(Number.MIN_VALUE, Math.min(...codings.values()));
}

/**
 * May this client be sent a body in `coding`? Compressed codings only when asked for (q > 0).
 * An uncompressed body is what Next itself sends when nothing acceptable is on offer (small
 * bodies, `identity;q=0` alone), so it is never refused.
 * @param {string | string[] | undefined} header
 * @param {string} coding
 */
export function acceptsEncoding(header, coding) {
  return coding === "identity" || quality(parseAcceptEncoding(header), coding) > 0;
}

/**
 * The class of clients that Next's compression (next/dist/compiled/compression: gzip, deflate
 * or none, deflate only where gzip is not acceptable) answers alike: the coding it negotiates,
 * and whether identity is excluded. Eight classes at most, whatever the header says.
 * @param {string | string[] | undefined} header
 */
export function encodingClass(header) {
  const text = Array.isArray(header) ? header.join(",") : (header ?? "");
  let known = classMemo.get(text);
  if (known === undefined) {
    known = negotiateClass(text);
    // Browsers send a handful of distinct headers; a client inventing new ones only refills this.
    if (classMemo.size >= 256) classMemo.clear();
    classMemo.set(text, known);
  }
  return known;
}
/** @type {Map<string, string>} */
const classMemo = new Map();

/** @param {string} header */
function negotiateClass(header) {
  const codings = parseAcceptEncoding(header);
  const gzip = quality(codings, "gzip");
  const deflate = quality(codings, "deflate");
  const identity = quality(codings, "identity");
  const chosen = gzip > 0 ? (gzip >= identity ? "gzip" : "identity") : deflate > 0 ? (deflate >= identity ? "deflate" : "identity") : "identity";
  return identity > 0 ? chosen : `${chosen};identity=0`;
}

/**
 * The cache key and the canonical URL to render, or null for a request the cache leaves to Next.
 * The key holds only what the page depends on: the origin pages build absolute URLs from (none
 * when SITE_URL is set; malformed forwarded headers ignored as the pages ignore them), the
 * encoding class, and the canonical URL (public-routes.mjs: one spelling of the path, only the
 * parameters the page reads). Everything else a client can vary maps to the same key.
 * @param {import("node:http").IncomingMessage} req
 * @param {{ siteUrl?: string }} [options]
 * @returns {{ key: string; url: string } | null}
 */
export function classify(req, options = {}) {
  const method = req.method ?? "GET";
  if (method !== "GET" && method !== "HEAD") return null;
  const h = req.headers;
  // Client-side navigation fetches RSC payloads for the same URLs; server actions POST.
  if (h["rsc"] !== undefined || h["next-router-prefetch"] !== undefined || h["next-router-state-tree"] !== undefined || h["next-action"] !== undefined) return null;
  const raw = req.url ?? "/";
  const q = raw.indexOf("?");
  if (q !== -1 && /(?:^|&)_rsc=/.test(raw.slice(q + 1))) return null;
  const url = canonicalPublicUrl(raw);
  if (url === null) return null;
  const siteUrl = options.siteUrl ?? process.env.SITE_URL ?? "";
  // What lib/seo/request-origin.mjs builds origins from, after the same validation.
  const origin = siteUrl ? "" : `${validHost(h.host) ?? ""}|${validHost(one(h["x-forwarded-host"])) ?? ""}|${validProto(one(h["x-forwarded-proto"])) ?? ""}`;
  return { key: `${origin}|${encodingClass(h["accept-encoding"])}|${url}`, url };
}

/** @param {string | string[] | undefined} v */
const one = (v) => (Array.isArray(v) ? v[0] : v);

/** @param {import("node:http").IncomingMessage} req @param {{ siteUrl?: string }} [options] */
export function cacheKey(req, options) {
  return classify(req, options)?.key ?? null;
}

/**
 * Public pages answer GET and HEAD. Next renders them for POST, PUT, DELETE or PATCH too, every
 * time and outside the cache (issue 19): those get 405 here. Server actions (POST with a
 * Next-Action header) still go to Next, which routes them by id whatever the page.
 * @param {import("node:http").IncomingMessage} req
 * @param {import("node:http").ServerResponse} res
 */
export function refuseMethod(req, res) {
  const method = req.method ?? "GET";
  if (method === "GET" || method === "HEAD" || req.headers["next-action"] !== undefined) return false;
  if (canonicalPublicUrl(req.url ?? "/") === null) return false;
  res.writeHead(405, { allow: "GET, HEAD", "content-type": "text/plain; charset=utf-8", "x-content-type-options": "nosniff" });
  res.end("Method Not Allowed");
  return true;
}

/**
 * At most `max` renders at a time; the others wait their turn (never refused). Bounds what a
 * flood of pages no cache can hold (every search query, every missing slug, client-navigation
 * payloads) costs the pages that are cached: their hits never wait here, and the event loop is
 * never shared among hundreds of renders at once.
 * @param {number} max
 */
export function renderLimiter(max) {
  let running = 0;
  /** @type {(() => void)[]} */
  const waiting = [];
  return {
    get running() {
      return running;
    },
    get waiting() {
      return waiting.length;
    },
    /**
     * Runs `render` when a slot is free; the slot is held until the response is closed.
     * @param {import("node:http").ServerResponse} res
     * @param {() => unknown} render
     */
    async run(res, render) {
      if (running >= max) await new Promise((/** @type {(v?: unknown) => void} */ r) => waiting.push(r));
      else running++;
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        const next = waiting.shift();
        if (next) next(); // the slot passes on
        else running--;
      };
      res.on("close", release);
      if (res.writableEnded || res.destroyed) release();
      try {
        return await render();
      } catch (error) {
        release();
        throw error;
      }
    },
  };
}

/**
 * One read at a time, and a caller always gets the result of a read that *started after it
 * called*. Reads start at most every `minIntervalMs`: under load, back-to-back reads would
 * otherwise take a core of their own; the interval bounds that cost and adds at most that much
 * waiting, never staleness.
 * @template T
 * @param {() => Promise<T>} read
 * @param {number} [minIntervalMs]
 * @returns {() => Promise<T>}
 */
export function freshReader(read, minIntervalMs = 0) {
  /** @type {Promise<T> | null} */
  let running = null;
  /** @type {Promise<T> | null} */
  let queued = null;
  let lastStart = -Infinity;
  const start = () => {
    lastStart = performance.now();
    const p = read();
    running = p;
    const clear = () => {
      if (running === p) running = null;
    };
    p.then(clear, clear);
    return p;
  };
  /** Waits for the interval to pass, then reads; shared by everyone who calls until it starts. */
  const later = (/** @type {Promise<unknown>} */ after) =>
    after
      .then(
        () => undefined,
        () => undefined,
      )
      .then(() => {
        const wait = lastStart + minIntervalMs - performance.now();
        return wait > 0 ? new Promise((r) => setTimeout(r, wait)) : undefined;
      })
      .then(() => {
        queued = null;
        return start();
      });
  return () => {
    if (queued) return queued;
    if (!running && performance.now() - lastStart >= minIntervalMs) return start();
    queued = later(running ?? Promise.resolve());
    return queued;
  };
}

/**
 * @typedef {{ status: number; headers: Record<string, string | string[]>; body: Buffer; generation: number; storedAt: number; cost: number }} Entry
 * @typedef {{
 *   readGeneration: () => (Promise<number> | null),
 *   maxBytes?: number,
 *   maxEntries?: number,
 *   ttlMs?: number,
 *   checkIntervalMs?: number,
 *   maxEntryBytes?: number,
 *   sweepIntervalMs?: number,
 *   maxConcurrentRenders?: number,
 *   siteUrl?: string,
 *   now?: () => number,
 * }} Options
 */

/** Rough fixed cost of one entry beyond its bytes (Map slot, entry object, Buffer object). */
const ENTRY_OVERHEAD = 64;

/**
 * What an entry costs in memory, as counted against `maxBytes`: the body, the key and every
 * stored header name and value, plus a fixed overhead (keys of up to 16 KB of URL used to be free).
 * @param {string} key @param {Record<string, string | string[]>} headers @param {Buffer} body
 */
export function entryCost(key, headers, body) {
  let n = body.length + Buffer.byteLength(key) + ENTRY_OVERHEAD;
  for (const [k, v] of Object.entries(headers)) {
    n += k.length;
    for (const value of Array.isArray(v) ? v : [v]) n += Buffer.byteLength(String(value));
  }
  return n;
}

/**
 * @param {Options} options
 */
export function createPageCache(options) {
  const maxBytes = options.maxBytes ?? 64 * 1024 * 1024;
  const maxEntries = Math.max(1, options.maxEntries ?? 10_000);
  const ttlMs = options.ttlMs ?? 60_000;
  const maxEntryBytes = options.maxEntryBytes ?? 4 * 1024 * 1024;
  const now = options.now ?? Date.now;
  // Read once: process.env is slow to read on every request.
  const keyOptions = { siteUrl: options.siteUrl ?? process.env.SITE_URL ?? "" };
  // Segmented LRU: a page enters on probation and is protected once it is asked for again.
  // Eviction takes probation first, so a flood of one-off pages (every search query, every
  // host name a client makes up) churns among itself and never pushes out the pages readers
  // actually come back to. Protected holds at most 80 % of the budget. Insertion order = least
  // recently used first in both.
  /** @type {Map<string, Entry>} */
  const probation = new Map();
  /** @type {Map<string, Entry>} */
  const protectedEntries = new Map();
  const protectedMaxBytes = maxBytes * 0.8;
  const protectedMaxEntries = Math.max(1, Math.floor(maxEntries * 0.8));
  let bytes = 0;
  let protectedBytes = 0;
  let generationSeen = -1;
  /** @type {Map<string, { generation: number; done: Promise<unknown> }>} renders in progress, by key */
  const rendering = new Map();
  const stats = { hits: 0, misses: 0, bypassed: 0, stored: 0, evicted: 0, swept: 0 };
  const limiter = renderLimiter(Math.max(1, options.maxConcurrentRenders ?? 8));

  const readFresh = freshReader(async () => {
    const p = options.readGeneration();
    if (!p) throw new Error("the app has not registered its generation reader yet");
    return p;
  }, options.checkIntervalMs ?? 2);

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

  function clearAll() {
    probation.clear();
    protectedEntries.clear();
    bytes = 0;
    protectedBytes = 0;
  }

  /** @param {number} generation */
  function noteGeneration(generation) {
    if (generation !== generationSeen) {
      // Every stored page belongs to an older generation: none can be served again.
      clearAll();
      generationSeen = generation;
    }
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
  const sweepEvery = options.sweepIntervalMs ?? Math.max(1000, Math.min(ttlMs, 60_000));
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
    const entry = { ...fields, cost: entryCost(key, fields.headers, fields.body) };
    if (entry.cost > maxBytes) return;
    drop(key);
    probation.set(key, entry);
    bytes += entry.cost;
    stats.stored++;
    evict();
    startSweeper();
  }

  /** A second request for a page on probation protects it; the protected overflow goes back on probation. @param {string} key @param {Entry} entry */
  function touch(key, entry) {
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

  /**
   * Serves from the cache, or calls `render` (Next's handler) and keeps a copy of its answer.
   * @param {import("node:http").IncomingMessage} req
   * @param {import("node:http").ServerResponse} res
   * @param {() => unknown} render
   */
  async function handle(req, res, render) {
    if (refuseMethod(req, res)) return;
    const found = maxBytes > 0 ? classify(req, keyOptions) : null;
    if (!found) {
      stats.bypassed++;
      // A public page the cache cannot hold (client-navigation payload, cache off) still takes
      // its turn among the renders; everything else (newsroom, API, assets) goes straight on.
      return canonicalPublicUrl(req.url ?? "/") !== null ? limiter.run(res, render) : render();
    }
    const { key } = found;
    // Next renders what the key says: the canonical URL, without the parameters no page reads.
    req.url = found.url;
    let generation;
    try {
      generation = await readFresh();
    } catch {
      // No generation (the app is starting, or the database is down): no cache, Next answers.
      stats.bypassed++;
      return render();
    }
    noteGeneration(generation);
    if (serveHit(req, res, key, generation)) return;
    // Someone is already rendering this page for this generation (a burst of readers right after
    // a publication): wait for that render rather than render it fifty times over.
    const inFlight = rendering.get(key);
    if (inFlight && inFlight.generation === generation) {
      await inFlight.done;
      if (serveHit(req, res, key, generation)) return;
    }
    stats.misses++;
    // A HEAD that misses is rendered as the GET it stands for, and kept: Node's response still
    // sends no body (it was created for a HEAD), and the next HEAD or GET is a hit.
    if (req.method === "HEAD") req.method = "GET";
    /** @type {() => void} */
    let finished = () => {};
    const slot = { generation, done: new Promise((/** @type {(v?: unknown) => void} */ r) => (finished = r)) };
    rendering.set(key, slot);
    const release = () => {
      if (rendering.get(key) === slot) rendering.delete(key);
      finished();
    };
    // A render that never finishes must not hold the others for long.
    const timer = setTimeout(release, 5000);
    timer.unref?.();
    res.on("close", () => {
      clearTimeout(timer);
      release();
    });
    capture(res, (entry) => store(key, { ...entry, generation, storedAt: now() }), maxEntryBytes);
    res.setHeader("x-newsroom-cache", "miss");
    return limiter.run(res, render);
  }

  /**
   * @param {import("node:http").IncomingMessage} req
   * @param {import("node:http").ServerResponse} res
   * @param {string} key
   * @param {number} generation
   */
  function serveHit(req, res, key, generation) {
    const hit = protectedEntries.get(key) ?? probation.get(key);
    if (!hit) return false;
    if (hit.generation !== generation || now() - hit.storedAt >= ttlMs) {
      drop(key);
      return false;
    }
    // The key's class says which coding Next would choose; the stored body says which it chose.
    // Never hand a compressed body to a client that did not ask for that coding.
    const coding = String(hit.headers["content-encoding"] ?? "identity").toLowerCase();
    if (!acceptsEncoding(req.headers["accept-encoding"], coding)) return false;
    stats.hits++;
    touch(key, hit);
    res.writeHead(hit.status, { ...hit.headers, "content-length": String(hit.body.length), "x-newsroom-cache": "hit" });
    res.end(req.method === "HEAD" ? undefined : hit.body);
    return true;
  }

  return {
    handle,
    stats,
    sweep,
    get size() {
      return probation.size + protectedEntries.size;
    },
    get bytes() {
      return bytes;
    },
    limiter,
    /** @param {string} key */
    has(key) {
      return probation.has(key) || protectedEntries.has(key);
    },
    clear: clearAll,
    /** Stops the background sweep (tests; the server runs until it exits). */
    close() {
      if (sweeper) clearInterval(sweeper);
      sweeper = null;
    },
  };
}

/**
 * Keeps a copy of what is written to `res`, and hands it over once the response has finished
 * if it is a complete 200 without cookies.
 * @param {import("node:http").ServerResponse} res
 * @param {(entry: { status: number; headers: Record<string, string | string[]>; body: Buffer }) => void} done
 * @param {number} limit
 */
function capture(res, done, limit) {
  /** @type {Buffer[]} */
  const chunks = [];
  let size = 0;
  let ok = true;
  /** @type {Record<string, string | string[]>} */
  let headArgs = {};
  /** @param {unknown} chunk @param {unknown} encoding */
  const keep = (chunk, encoding) => {
    if (!ok || chunk == null || typeof chunk === "function") return;
    const buf = Buffer.isBuffer(chunk)
      ? chunk
      : chunk instanceof Uint8Array
        ? Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength)
        : Buffer.from(String(chunk), typeof encoding === "string" ? /** @type {BufferEncoding} */ (encoding) : "utf8");
    size += buf.length;
    if (size > limit) {
      ok = false;
      chunks.length = 0;
      return;
    }
    chunks.push(Buffer.from(buf)); // a copy: the caller may reuse its buffer
  };
  // Wrapped in place: Next (and its compression) write through these; arguments are passed on untouched.
  const out = /** @type {any} */ (res);
  const { writeHead, write, end } = out;
  out.writeHead = function (/** @type {number} */ status, /** @type {unknown[]} */ ...rest) {
    const last = rest[rest.length - 1];
    if (last && typeof last === "object") {
      if (Array.isArray(last)) {
        for (let i = 0; i + 1 < last.length; i += 2) headArgs[String(last[i]).toLowerCase()] = last[i + 1];
      } else for (const [k, v] of Object.entries(last)) headArgs[k.toLowerCase()] = v;
    }
    return writeHead.call(this, status, ...rest);
  };
  out.write = function (/** @type {unknown[]} */ ...args) {
    keep(args[0], args[1]);
    return write.apply(this, args);
  };
  out.end = function (/** @type {unknown[]} */ ...args) {
    keep(args[0], args[1]);
    return end.apply(this, args);
  };
  res.on("finish", () => {
    if (!ok || res.statusCode !== 200) return;
    /** @type {Record<string, string | string[]>} */
    const headers = {};
    const all = { ...res.getHeaders(), ...headArgs };
    for (const [k, v] of Object.entries(all)) {
      if (v === undefined || HOP_HEADERS.has(k.toLowerCase())) continue;
      headers[k.toLowerCase()] = typeof v === "number" ? String(v) : /** @type {string | string[]} */ (v);
    }
    if (all["set-cookie"] !== undefined) return;
    const type = String(headers["content-type"] ?? "");
    if (!/^(?:text\/html|text\/plain|application\/(?:rss\+)?xml|text\/xml|application\/atom\+xml)/.test(type)) return;
    done({ status: 200, headers, body: Buffer.concat(chunks) });
  });
}
