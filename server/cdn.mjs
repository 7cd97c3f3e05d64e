// @ts-check
/**
 * Headers that let a CDN keep public pages, when CDN_MAX_AGE is set: `Cache-Control: public,
 * s-maxage=N, stale-while-revalidate=M` (browsers still revalidate: no max-age) and the page's
 * cache tags in `Cache-Tag` (comma-separated, Cloudflare) and `Surrogate-Key` (space-separated,
 * Fastly and others), so that a purge by tag (lib/cdn/purge.ts) drops exactly the pages a change
 * touched. Unset, public pages say `private, no-cache` instead of Next's `no-store`: a browser
 * still asks this server on every visit (a change shows on the next request, and no shared cache
 * keeps them), but it may keep the page for its back/forward cache, which `no-store` forbids.
 *
 * Only complete public pages get them: a 200 to a GET or HEAD of a public route (the page
 * cache's list), never a client-navigation payload, never a response that sets a cookie.
 *
 * The tags come from the app (lib/cdn/tags.ts), registered by instrumentation.ts in one
 * process-wide slot (lib/process-slot.mjs: this file is loaded twice in the one process).
 */
import { processSlot } from "../lib/process-slot.mjs";
import { canonicalPublicUrl } from "./page-cache/public-routes.mjs";

/** @typedef {(path: string) => Promise<string[]>} CacheTagReader */

const tagReader = processSlot("newsroom.cacheTagReader", () => /** @type {{ read: CacheTagReader | null }} */ ({ read: null }));

/** @param {CacheTagReader} read */
export function registerCacheTagReader(read) {
  tagReader().read = read;
}

/** @param {string} path */
function readCacheTags(path) {
  const read = tagReader().read;
  return read ? read(path) : Promise.resolve(["site"]);
}

/**
 * CDN_MAX_AGE and CDN_STALE_WHILE_REVALIDATE (default 60), in seconds; null when CDN_MAX_AGE is
 * unset. A value that is not a whole number of seconds stops the server.
 * @param {Record<string, string | undefined>} env
 * @returns {{ maxAge: number; staleWhileRevalidate: number } | null}
 */
export function cdnConfig(env) {
  const raw = env.CDN_MAX_AGE?.trim();
  if (!raw) return null;
  const seconds = (/** @type {string} */ name, /** @type {string} */ value) => {
    if (!/^\d{1,9}$/.test(value)) throw new Error(`${name} must be a whole number of seconds, got "${value}"`);
    return Number(value);
  };
  const swr = env.CDN_STALE_WHILE_REVALIDATE?.trim();
  return { maxAge: seconds("CDN_MAX_AGE", raw), staleWhileRevalidate: swr ? seconds("CDN_STALE_WHILE_REVALIDATE", swr) : 60 };
}

/**
 * Is this request one whose answer a CDN may keep? The canonical public path, or null.
 * @param {import("node:http").IncomingMessage} req
 */
export function cdnCacheablePath(req) {
  const method = req.method ?? "GET";
  if (method !== "GET" && method !== "HEAD") return null;
  const h = req.headers;
  if (h["rsc"] !== undefined || h["next-router-prefetch"] !== undefined || h["next-router-state-tree"] !== undefined || h["next-action"] !== undefined)
    return null;
  const url = canonicalPublicUrl(req.url ?? "/");
  if (url === null || /[?&]_rsc=/.test(req.url ?? "")) return null;
  const q = url.indexOf("?");
  return q === -1 ? url : url.slice(0, q);
}

/** A public page's Cache-Control without a CDN: revalidated on every visit, yet back/forward-cacheable. */
export const BROWSER_CACHE_CONTROL = "private, no-cache";

/**
 * Puts `cacheControl` (and the cache tags, when given) on `res` once it is known to be a
 * cookie-free 200 (when its head is written), replacing Next's Cache-Control.
 * @param {import("node:http").ServerResponse} res
 * @param {string} cacheControl
 * @param {string[] | null} tags
 */
function setPublicHeaders(res, cacheControl, tags) {
  const out = /** @type {any} */ (res);
  const { writeHead } = out;
  out.writeHead = function (/** @type {number} */ status, /** @type {unknown[]} */ ...rest) {
    const last = rest[rest.length - 1];
    const inline = last && typeof last === "object" && !Array.isArray(last) ? /** @type {Record<string, unknown>} */ (last) : null;
    const cookie = this.getHeader("set-cookie") ?? (inline && Object.keys(inline).find((k) => k.toLowerCase() === "set-cookie"));
    if (status === 200 && !cookie) {
      if (inline) for (const k of Object.keys(inline)) if (k.toLowerCase() === "cache-control") delete inline[k];
      this.setHeader("Cache-Control", cacheControl);
      if (tags) {
        this.setHeader("Cache-Tag", tags.join(","));
        this.setHeader("Surrogate-Key", tags.join(" "));
      }
    }
    return writeHead.call(this, status, ...rest);
  };
}

/**
 * Puts the CDN headers on `res` once it is known to be a cookie-free 200.
 * @param {import("node:http").ServerResponse} res
 * @param {{ maxAge: number; staleWhileRevalidate: number }} config
 * @param {string[]} tags
 */
function setCdnHeaders(res, config, tags) {
  setPublicHeaders(res, `public, s-maxage=${config.maxAge}, stale-while-revalidate=${config.staleWhileRevalidate}`, tags);
}

/**
 * Wraps Next's handler: public pages get the CDN headers with their tags (one small lookup per
 * render), or without a CDN the browsers' `private, no-cache`; pages served from the page cache
 * keep the headers they were stored with.
 * @param {{ maxAge: number; staleWhileRevalidate: number } | null} config
 * @param {(req: import("node:http").IncomingMessage, res: import("node:http").ServerResponse) => Promise<unknown>} handle
 */
export function withCdnHeaders(config, handle) {
  if (!config)
    /** @param {import("node:http").IncomingMessage} req @param {import("node:http").ServerResponse} res */
    return (req, res) => {
      if (cdnCacheablePath(req) !== null) setPublicHeaders(res, BROWSER_CACHE_CONTROL, null);
      return handle(req, res);
    };
  /** @param {import("node:http").IncomingMessage} req @param {import("node:http").ServerResponse} res */
  return async (req, res) => {
    const path = cdnCacheablePath(req);
    if (path !== null) {
      /** @type {string[]} */
      let tags;
      try {
        tags = await readCacheTags(path);
      } catch {
        // No tags (database unreachable): no CDN caching for this answer, Next's headers stand.
        return handle(req, res);
      }
      setCdnHeaders(res, config, tags);
    }
    return handle(req, res);
  };
}
