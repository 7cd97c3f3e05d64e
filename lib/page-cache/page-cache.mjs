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
 * What is cached: GET/HEAD of the public routes (allow-list below), never a request carrying a
 * session cookie's effects (responses that set cookies), never the React Server Component
 * payloads of client navigation, never anything but a 200. Keys include the host and the
 * forwarded host/proto (absolute URLs in pages follow them when SITE_URL is unset) and the
 * response encoding class (Next compresses per Accept-Encoding).
 */

/** Paths whose GET responses are the same for every reader. */
const PUBLIC_PATH =
  /^\/(?:$|articles\/[^/]+\/?$|authors\/[^/]+\/?$|authors\/[^/]+\/feed\.xml$|tags\/[^/]+\/?$|tags\/[^/]+\/feed\.xml$|sections\/[^/]+\/?$|search\/?$|feed\.xml$|sitemap\.xml$|sitemaps\/(?:pages|articles-[1-9][0-9]{0,5})\.xml$|news-sitemap\.xml$|robots\.txt$)/;

/** Headers that describe one transmission, not the resource: never stored. */
const HOP_HEADERS = new Set(["date", "connection", "keep-alive", "transfer-encoding", "content-length", "set-cookie", "x-newsroom-cache"]);

/** @param {import("node:http").IncomingMessage} req */
export function cacheKey(req) {
  const method = req.method ?? "GET";
  if (method !== "GET" && method !== "HEAD") return null;
  const url = req.url ?? "/";
  const q = url.indexOf("?");
  const pathname = q === -1 ? url : url.slice(0, q);
  if (!PUBLIC_PATH.test(pathname)) return null;
  const h = req.headers;
  // Client-side navigation fetches RSC payloads for the same URLs; server actions POST.
  if (h["rsc"] !== undefined || h["next-router-prefetch"] !== undefined || h["next-router-state-tree"] !== undefined || h["next-action"] !== undefined) return null;
  if (q !== -1 && /(?:^|&)_rsc=/.test(url.slice(q + 1))) return null;
  const ae = String(h["accept-encoding"] ?? "");
  const encoding = /\bbr\b/.test(ae) ? "br" : /\bgzip\b/.test(ae) ? "gzip" : /\bdeflate\b/.test(ae) ? "deflate" : "identity";
  return `${h.host ?? ""}|${h["x-forwarded-host"] ?? ""}|${h["x-forwarded-proto"] ?? ""}|${encoding}|${url}`;
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
 * @typedef {{ status: number; headers: Record<string, string | string[]>; body: Buffer; generation: number; storedAt: number }} Entry
 * @typedef {{
 *   readGeneration: () => (Promise<number> | null),
 *   maxBytes?: number,
 *   ttlMs?: number,
 *   checkIntervalMs?: number,
 *   maxEntryBytes?: number,
 *   now?: () => number,
 * }} Options
 */

/**
 * @param {Options} options
 */
export function createPageCache(options) {
  const maxBytes = options.maxBytes ?? 64 * 1024 * 1024;
  const ttlMs = options.ttlMs ?? 60_000;
  const maxEntryBytes = options.maxEntryBytes ?? 4 * 1024 * 1024;
  const now = options.now ?? Date.now;
  /** @type {Map<string, Entry>} insertion order = least recently used first */
  const entries = new Map();
  let bytes = 0;
  let generationSeen = -1;
  /** @type {Map<string, { generation: number; done: Promise<unknown> }>} renders in progress, by key */
  const rendering = new Map();
  const stats = { hits: 0, misses: 0, bypassed: 0, stored: 0, evicted: 0 };

  const readFresh = freshReader(async () => {
    const p = options.readGeneration();
    if (!p) throw new Error("the app has not registered its generation reader yet");
    return p;
  }, options.checkIntervalMs ?? 2);

  /** @param {string} key */
  function drop(key) {
    const e = entries.get(key);
    if (!e) return;
    entries.delete(key);
    bytes -= e.body.length;
  }

  /** @param {number} generation */
  function noteGeneration(generation) {
    if (generation !== generationSeen) {
      // Every stored page belongs to an older generation: none can be served again.
      entries.clear();
      bytes = 0;
      generationSeen = generation;
    }
  }

  /** @param {string} key @param {Entry} entry */
  function store(key, entry) {
    if (entry.generation !== generationSeen || entry.body.length > maxEntryBytes || maxBytes <= 0) return;
    drop(key);
    entries.set(key, entry);
    bytes += entry.body.length;
    stats.stored++;
    for (const [k, e] of entries) {
      if (bytes <= maxBytes) break;
      entries.delete(k);
      bytes -= e.body.length;
      stats.evicted++;
    }
  }

  /**
   * Serves from the cache, or calls `render` (Next's handler) and keeps a copy of its answer.
   * @param {import("node:http").IncomingMessage} req
   * @param {import("node:http").ServerResponse} res
   * @param {() => unknown} render
   */
  async function handle(req, res, render) {
    const key = maxBytes > 0 ? cacheKey(req) : null;
    if (!key) {
      stats.bypassed++;
      return render();
    }
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
    if (req.method === "HEAD") return render();
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
    return render();
  }

  /**
   * @param {import("node:http").IncomingMessage} req
   * @param {import("node:http").ServerResponse} res
   * @param {string} key
   * @param {number} generation
   */
  function serveHit(req, res, key, generation) {
    const hit = entries.get(key);
    if (!hit) return false;
    if (hit.generation !== generation || now() - hit.storedAt >= ttlMs) {
      drop(key);
      return false;
    }
    stats.hits++;
    entries.delete(key);
    entries.set(key, hit); // most recently used
    res.writeHead(hit.status, { ...hit.headers, "content-length": String(hit.body.length), "x-newsroom-cache": "hit" });
    res.end(req.method === "HEAD" ? undefined : hit.body);
    return true;
  }

  return {
    handle,
    stats,
    get size() {
      return entries.size;
    },
    get bytes() {
      return bytes;
    },
    clear() {
      entries.clear();
      bytes = 0;
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
