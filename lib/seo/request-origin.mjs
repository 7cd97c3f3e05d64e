// @ts-check
/**
 * The origin a request came in on, from its Host and X-Forwarded-Host/-Proto headers, for
 * absolute URLs when SITE_URL (or APP_URL) is not set. Shared by lib/seo/site-url.ts (pages,
 * feeds, sitemaps), lib/auth/origin.ts (mail links) and the page cache (which keys on it), so
 * all three read the same thing. Plain JavaScript: server/serve.mjs loads the cache unbundled.
 *
 * Client-supplied values: an empty, malformed or unknown one is ignored (the next source
 * decides), never passed on to `new URL()`, where it used to throw (HTTP 500 on articles, 503 on
 * feeds). A forwarded list ("a, b") counts by its first entry, the one the first proxy saw.
 */

import { boundedMemo } from "../bounded-memo.mjs";

/** host or host:port: a DNS name, IPv4 or bracketed IPv6; nothing else (no path, user, space). */
const HOST = /^(?:[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?(?:\.[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?)*\.?|\[[0-9a-f:.]{2,45}\])(?::[0-9]{1,5})?$/;

/** @param {string | null | undefined} value @returns {string | null} */
function first(value) {
  if (typeof value !== "string") return null;
  const v = value.split(",")[0].trim().toLowerCase();
  return v === "" ? null : v;
}

// Every request's Host is checked two or three times (the server's door, the page cache's key,
// the page's origin): the answers for the few hosts a site sees are remembered.
const checked = boundedMemo(checkHost, { maxEntries: 256 });

/** @param {string | null} v lower case, trimmed */
function hostOrNull(v) {
  return v ? checked(v) : null;
}

/** @param {string} v lower case, trimmed */
function checkHost(v) {
  if (v.length > 255 || !HOST.test(v)) return null;
  const port = v.match(/:([0-9]+)$/);
  if (port && !v.endsWith("]") && Number(port[1]) > 65535) return null;
  return v;
}

/** @param {string | null | undefined} value @returns {string | null} a valid host[:port] (first entry of a list), lower case */
export function validHost(value) {
  return hostOrNull(first(value));
}

/**
 * A Host header as RFC 9112 §3.2 wants it: one host[:port], nothing else. A server must answer
 * 400 to anything else; Auth.js threw on it (HTTP 500 on /login).
 * @param {string | undefined} value
 */
export function isValidHostHeader(value) {
  return typeof value === "string" && hostOrNull(value.trim().toLowerCase()) !== null;
}

/** @param {string | null | undefined} value @returns {"http" | "https" | null} */
export function validProto(value) {
  const v = first(value);
  return v === "http" || v === "https" ? v : null;
}

/** @param {string} host */
function isLocal(host) {
  return host.startsWith("localhost") || host.startsWith("127.") || host.startsWith("[::1]");
}

/**
 * @param {(name: string) => string | null | undefined} header reads one request header
 * @param {{ host?: string | null; proto?: string | null }} [fallback] the request URL's own host and scheme
 * @returns {string} e.g. "https://news.example.org"
 */
export function requestOrigin(header, fallback = {}) {
  const host = validHost(header("x-forwarded-host")) ?? validHost(header("host")) ?? validHost(fallback.host) ?? "localhost:3000";
  const proto = validProto(header("x-forwarded-proto")) ?? validProto(fallback.proto) ?? (isLocal(host) ? "http" : "https");
  return `${proto}://${host}`;
}

/**
 * At the server's door (server/serve.mjs), before Next, Auth.js or the page cache read them:
 * an empty or malformed X-Forwarded-Host / X-Forwarded-Proto is removed, and a valid list is
 * reduced to its first entry. Auth.js builds `new URL(proto + "//" + host)` from them for every
 * auth() call, so "X-Forwarded-Proto:" (empty) answered 500 on /login and the newsroom.
 * @param {{ headers: Record<string, string | string[] | undefined> }} req
 */
export function sanitizeForwardedHeaders(req) {
  for (const [name, valid] of /** @type {const} */ ([
    ["x-forwarded-host", validHost],
    ["x-forwarded-proto", validProto],
  ])) {
    const raw = req.headers[name];
    if (raw === undefined) continue;
    const value = valid(Array.isArray(raw) ? raw[0] : raw);
    if (value === null) delete req.headers[name];
    else req.headers[name] = value;
  }
}
