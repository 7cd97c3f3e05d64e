// @ts-check
/**
 * Whole-response cache for public pages, in front of Next's request handler (server/serve.mjs).
 *
 * Public pages are the same for every reader, so a rendered page can be served again until
 * something readers can see changes. "Changes" is the database's public generation
 * (public_cache_state, bumped by triggers in the same transaction as the change, migration 0003):
 * every entry is stored under the generation read *before* its render began, and a request is
 * answered from the cache only after a generation read that *started after the request arrived*.
 * So a reader never gets a page older than the last committed change — publish, correction,
 * unpublish, a profile or tag edit — on any instance, including changes made by the scheduler.
 * Concurrent requests share one generation read (at most one in flight, plus one queued), so the
 * database sees one small primary-key lookup per burst, not per request. With the generation
 * watch (`peekGeneration`, lib/cache/generation-watch.ts) the database pushes each new
 * generation (LISTEN/NOTIFY) and a hit reads nothing, within an explicit freshness window.
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
 * Every response has a CSP nonce of its own (server/csp.mjs): an entry rendered with a nonce is
 * kept with that nonce cut out (nonce-body.mjs), and each hit is served with the nonce the server
 * drew for it, in the body and in the Content-Security-Policy header set before the cache answers.
 * A reader's page names no nonce in its markup (no-client-js.mjs): it is kept whole, and a hit
 * writes it as it is, the fresh nonce being in the policy header alone.
 *
 * Conditional requests: a page kept whole carries a strong ETag (a hash of its bytes, withEtag), and
 * a hit whose If-None-Match names it is answered 304 without a body — a browser revalidating a
 * page, a feed reader polling, a CDN. Only hits: a miss renders and answers 200, as Next does.
 *
 * Memory: every entry is counted with its key and headers against `maxBytes`, at most
 * `maxEntries` are kept, expired ones are swept in the background, and pages asked for twice
 * are protected from a flood of one-off ones (segmented LRU).
 *
 * The parts: cache-key.mjs (what is cached, under which key), encoding.mjs (which clients get
 * which stored body), entry-store.mjs (storage and eviction), fresh-reader.mjs (the generation
 * read shared by concurrent requests), renders.mjs (render limit and coalescing), capture.mjs
 * (copying Next's answer); this file puts them together around one request.
 */

import { createHash } from "node:crypto";

import { classify, KEYED_HEADERS } from "./cache-key.mjs";
import { capture } from "./capture.mjs";
import { acceptsEncoding } from "./encoding.mjs";
import { createEntryStore } from "./entry-store.mjs";
import { freshReader } from "./fresh-reader.mjs";
import { bodyNamesNonce, fillTemplateParts, templateOf } from "./nonce-body.mjs";
import { canonicalPublicUrl } from "./public-routes.mjs";
import { renderCoalescer, renderLimiter } from "./renders.mjs";

/** @typedef {import("node:http").IncomingMessage} Req @typedef {import("node:http").ServerResponse} Res */

/**
 * @typedef {{
 *   readGeneration: () => (Promise<number> | null),
 *   peekGeneration?: () => (number | null),
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

/**
 * Public pages answer GET and HEAD. Next renders them for POST, PUT, DELETE or PATCH too, every
 * time and outside the cache: those get 405 here. Server actions (POST with a Next-Action
 * header) still go to Next, which routes them by id whatever the page.
 * @param {Req} req
 * @param {Res} res
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
 * How to ask for this page again (prime.mjs): its canonical URL and the headers its key holds.
 * @param {Req} req
 * @returns {import("./entry-store.mjs").Replay}
 */
function replayOf(req) {
  /** @type {Record<string, string>} */
  const headers = {};
  for (const name of KEYED_HEADERS) {
    const v = req.headers[name];
    if (v !== undefined) headers[name] = Array.isArray(v) ? v.join(", ") : v;
  }
  return { url: req.url ?? "/", headers };
}

/**
 * A page kept whole (the same bytes for every hit) gets a strong validator of its own when Next
 * gave it none: a hash of the stored bytes, so every instance behind a load balancer gives the
 * same page the same tag, and a changed page (or another coding of it) another. A page whose body
 * carries each response's nonce has none: no two answers are the same bytes.
 * @param {Record<string, string | string[]>} headers @param {Buffer} body
 */
export function withEtag(headers, body) {
  if (headers.etag !== undefined) return headers;
  return { ...headers, etag: `"${createHash("sha256").update(body).digest("base64url").slice(0, 32)}"` };
}

/**
 * Whether If-None-Match names this tag (RFC 9110 §13.1.2: weak comparison, a list, or "*").
 * @param {string | string[] | undefined} ifNoneMatch @param {string | string[] | undefined} etag
 */
export function matchesEtag(ifNoneMatch, etag) {
  if (ifNoneMatch === undefined || typeof etag !== "string") return false;
  const opaque = etag.startsWith("W/") ? etag.slice(2) : etag;
  for (const part of String(ifNoneMatch).split(",")) {
    const tag = part.trim();
    if (tag === "*" || (tag.startsWith("W/") ? tag.slice(2) : tag) === opaque) return true;
  }
  return false;
}

/** @param {Options} options */
export function createPageCache(options) {
  const maxBytes = options.maxBytes ?? 64 * 1024 * 1024;
  const maxEntryBytes = options.maxEntryBytes ?? 4 * 1024 * 1024;
  // Monotonic, and not the Date.now that Next wraps for its own bookkeeping (a cost on every hit).
  const now = options.now ?? (() => performance.now());
  // Read once: process.env is slow to read on every request.
  const keyOptions = { siteUrl: options.siteUrl ?? process.env.SITE_URL ?? "" };
  const stats = { hits: 0, misses: 0, bypassed: 0, stored: 0, evicted: 0, swept: 0 };
  const entries = createEntryStore({
    maxBytes,
    maxEntries: Math.max(1, options.maxEntries ?? 10_000),
    maxEntryBytes,
    ttlMs: options.ttlMs ?? 60_000,
    sweepIntervalMs: options.sweepIntervalMs,
    now,
    stats,
  });
  const limiter = renderLimiter(Math.max(1, options.maxConcurrentRenders ?? 8));
  const renders = renderCoalescer();
  const readFresh = freshReader(async () => {
    const p = options.readGeneration();
    if (!p) throw new Error("the app has not registered its generation reader yet");
    return p;
  }, options.checkIntervalMs ?? 2);

  /**
   * Serves from the cache, or calls `render` (Next's handler) and keeps a copy of its answer.
   * `nonce`: this response's CSP nonce, which the server has already put in the request's and the
   * response's Content-Security-Policy header (absent: pages are kept and served as rendered).
   * A hit on a generation the database pushed is answered synchronously (undefined; no promise
   * to make or settle); anything else returns what `render` returns, or a promise.
   * @param {Req} req @param {Res} res @param {() => unknown} render @param {string} [nonce]
   * @returns {unknown}
   */
  function handle(req, res, render, nonce) {
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
    // Pushed by the database (LISTEN/NOTIFY) while the watch vouches for it: no read, no wait.
    const pushed = options.peekGeneration?.() ?? null;
    if (pushed === null) return readThenHandle(req, res, render, key, nonce);
    entries.noteGeneration(pushed);
    if (serveHit(req, res, key, pushed, nonce)) return;
    return missOrWait(req, res, render, key, pushed, nonce);
  }

  /** @param {Req} req @param {Res} res @param {() => unknown} render @param {string} key @param {string | undefined} nonce */
  async function readThenHandle(req, res, render, key, nonce) {
    let generation;
    try {
      generation = await readFresh();
    } catch {
      // No generation (the app is starting, or the database is down): no cache, Next answers.
      stats.bypassed++;
      return render();
    }
    entries.noteGeneration(generation);
    if (serveHit(req, res, key, generation, nonce)) return;
    return missOrWait(req, res, render, key, generation, nonce);
  }

  /**
   * Not in the cache: wait for a render of this page already under way, or render it.
   * @param {Req} req @param {Res} res @param {() => unknown} render @param {string} key @param {number} generation @param {string | undefined} nonce
   */
  async function missOrWait(req, res, render, key, generation, nonce) {
    const inFlight = renders.inFlight(key, generation);
    if (inFlight) {
      await inFlight;
      if (serveHit(req, res, key, generation, nonce)) return;
    }
    return renderAndKeep(req, res, render, key, generation, nonce);
  }

  /**
   * @param {Req} req @param {Res} res @param {() => unknown} render @param {string} key @param {number} generation
   * @param {string | undefined} nonce
   */
  function renderAndKeep(req, res, render, key, generation, nonce) {
    stats.misses++;
    // A HEAD that misses is rendered as the GET it stands for, and kept: Node's response still
    // sends no body (it was created for a HEAD), and the next HEAD or GET is a hit.
    if (req.method === "HEAD") req.method = "GET";
    renders.begin(key, generation, res);
    const replay = replayOf(req);
    capture(
      res,
      (entry) => {
        if (nonce === undefined) return entries.store(key, { ...entry, headers: withEtag(entry.headers, entry.body), replay, generation, storedAt: now() });
        // The policy names this response's nonce: each hit sends its own.
        const { "content-security-policy": _policy, ...headers } = entry.headers;
        const coding = String(headers["content-encoding"] ?? "identity").toLowerCase();
        // Other headers that name it (Next's Link preload of the stylesheet carries nonce="…") get
        // each hit's nonce too, never this render's.
        /** @type {Array<[string, string[][]]>} */
        const nonceHeaders = [];
        for (const [name, value] of Object.entries(headers)) {
          const values = Array.isArray(value) ? value : [value];
          if (values.some((v) => v.includes(nonce))) nonceHeaders.push([name, values.map((v) => v.split(nonce))]);
        }
        const inBody = bodyNamesNonce(entry.body, coding, nonce);
        // A coding kept only as rendered would replay its nonce: not kept (no browser asks for it).
        if (inBody === null) return;
        // Only the policy names it (a reader's page): the body is kept whole, written as it is,
        // without the template's work of compressing its pieces again.
        if (!inBody && nonceHeaders.length === 0)
          return entries.store(key, { ...entry, headers: withEtag(headers, entry.body), policyOnly: true, replay, generation, storedAt: now() });
        const template = templateOf(entry.body, coding, nonce);
        if (!template) return;
        entries.store(key, { ...entry, headers, body: template.stored, template, nonceHeaders, replay, generation, storedAt: now() });
      },
      maxEntryBytes,
    );
    res.setHeader("x-newsroom-cache", "miss");
    return limiter.run(res, render);
  }

  /** @param {Req} req @param {Res} res @param {string} key @param {number} generation @param {string | undefined} nonce */
  function serveHit(req, res, key, generation, nonce) {
    const hit = entries.lookup(key, generation);
    if (!hit) return false;
    // The key's class says which coding Next would choose; the stored body says which it chose.
    // Never hand a compressed body to a client that did not ask for that coding.
    const coding = String(hit.headers["content-encoding"] ?? "identity").toLowerCase();
    if (!acceptsEncoding(req.headers["accept-encoding"], coding)) return false;
    // Kept with a nonce cut out, it is only served with a fresh one (and the reverse).
    if (Boolean(hit.template || hit.policyOnly) !== (nonce !== undefined)) return false;
    stats.hits++;
    entries.touch(key, hit);
    // The reader (a browser revalidating, a feed reader, a CDN) holds these very bytes: 304, no body.
    if (!hit.template && matchesEtag(req.headers["if-none-match"], hit.headers.etag)) {
      res.writeHead(304, notModifiedHeaders(hit));
      res.end();
      return true;
    }
    if (!hit.template || nonce === undefined) {
      res.writeHead(hit.status, hitHeaders(hit, hit.body.length));
      res.end(req.method === "HEAD" ? undefined : hit.body);
      return true;
    }
    // The page's pieces with this response's nonce between them, written without joining them.
    const { parts, length } = fillTemplateParts(hit.template, nonce);
    res.writeHead(hit.status, withNonce(hitHeaders(hit, length), hit.nonceHeaders, nonce));
    if (req.method === "HEAD") {
      res.end();
      return true;
    }
    res.cork();
    for (let i = 0; i < parts.length - 1; i++) res.write(parts[i]);
    res.end(parts[parts.length - 1]);
    return true;
  }

  /**
   * A hit's response headers, built once per entry (and body length: nonces all have one length).
   * @param {import("./entry-store.mjs").Entry & { sent?: { length: number; headers: Record<string, string | string[]> } }} hit
   * @param {number} length
   */
  function hitHeaders(hit, length) {
    if (hit.sent?.length !== length) hit.sent = { length, headers: { ...hit.headers, "content-length": String(length), "x-newsroom-cache": "hit" } };
    return hit.sent.headers;
  }

  /**
   * A 304's headers: the hit's, without the length of a body it does not carry. Built once per entry.
   * @param {import("./entry-store.mjs").Entry & { notModified?: Record<string, string | string[]> }} hit
   */
  function notModifiedHeaders(hit) {
    if (!hit.notModified) {
      const { "content-length": _length, ...headers } = hit.headers;
      hit.notModified = { ...headers, "x-newsroom-cache": "hit" };
    }
    return hit.notModified;
  }

  /**
   * The entry's headers with `nonce` where the stored ones had the render's. Filled in place, not
   * copied (every article has such a header, and a hit's cost is counted in microseconds): the
   * object is only read by the writeHead call it is passed to, synchronously.
   * @param {Record<string, string | string[]>} headers @param {Array<[string, string[][]]> | undefined} nonceHeaders @param {string} nonce
   */
  function withNonce(headers, nonceHeaders, nonce) {
    if (nonceHeaders === undefined) return headers;
    for (const [name, values] of nonceHeaders) headers[name] = values.length === 1 ? values[0].join(nonce) : values.map((pieces) => pieces.join(nonce));
    return headers;
  }

  return {
    handle,
    /** The pages readers come back to, most recent first (prime.mjs). @param {number} n */
    hotPages: (n) => entries.hotPages(n),
    stats,
    limiter,
    sweep: entries.sweep,
    clear: entries.clear,
    has: entries.has,
    close: entries.close,
    get size() {
      return entries.size;
    },
    get bytes() {
      return entries.bytes;
    },
  };
}
