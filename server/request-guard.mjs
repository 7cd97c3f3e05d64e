/**
 * Checks every request passes before Next reads it (server/serve.mjs):
 *
 * - Body size: Next's server-action limit is one number for every action, and route handlers
 *   (Auth.js) have none, while only two actions take files. So the body is capped here, from
 *   Content-Length, before a byte of it is read: 64 KB signed out (sign-in, set-password and
 *   Auth.js need a few hundred bytes), 4.5 MB for a signed-in user (the largest article save: a
 *   2 MB body sent as a JSON string inside JSON, which at worst doubles, plus the other fields),
 *   12 MB only for the upload actions of a signed-in user (10 MB images plus the form). Over the
 *   cap: 413 at once. A body without Content-Length (chunked) is counted as it arrives and cut.
 *   "Signed in" is a session cookie that decrypts with AUTH_SECRET and has not expired; the
 *   action itself still checks the account (active, session version, role).
 * - Nesting: a server action's arguments are JSON that React decodes recursively (a document
 *   nested 50,000 levels overflowed the stack): measured as the bytes pass, 400 past 512 levels.
 * - Same origin: a state-changing request (server actions, forms posted without JavaScript,
 *   route handlers) must prove it comes from our own pages: Sec-Fetch-Site `same-origin`, or,
 *   from a browser too old to send it, an Origin naming this host. Neither, or a cross-site /
 *   same-site / none Sec-Fetch-Site: 403. Next checks a foreign Origin itself but lets a missing
 *   one through. Auth.js routes are left to Auth.js (double-submit CSRF token; an identity
 *   provider's callback comes from another site by design).
 * - HSTS only over HTTPS: the socket is TLS, or X-Forwarded-Proto says https and TRUST_PROXY
 *   says a proxy is there to set it. (It was a build-time header on every response, plain HTTP
 *   included.) HSTS_DISABLE=1 turns it off.
 *
 * Plain JavaScript: the custom server loads it before Next.
 */
import { decode } from "@auth/core/jwt";

const KB = 1024;
const MB = 1024 * 1024;
export const BODY_LIMITS = { signedOut: 64 * KB, signedIn: 4.5 * MB, upload: 12 * MB };
/** Server actions that take an image file (lib/images/limits.ts: 10 MB). */
export const UPLOAD_ACTIONS = ["uploadImageAction", "updateProfileAction"];
export const HSTS_VALUE = "max-age=63072000; includeSubDomains";
const SESSION_COOKIES = ["__Secure-authjs.session-token", "authjs.session-token"];
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/** Refused bodies up to this size are read to their end and discarded (see refuse). */
const DRAIN_MAX = 2 * BODY_LIMITS.upload;

/** @typedef {import("node:http").IncomingMessage} Req */
/** @typedef {import("node:http").ServerResponse} Res */
/** @typedef {Record<string, string | undefined>} Env */

/** @param {Req} req @param {string} name */
function header(req, name) {
  const v = req.headers[name];
  return (Array.isArray(v) ? v[0] : v) ?? "";
}

/** TRUST_PROXY set to anything but empty, 0, false, no or off: a proxy in front sets X-Forwarded-*. */
export function trustsProxy(/** @type {Env} */ env) {
  const v = (env.TRUST_PROXY ?? "").trim().toLowerCase();
  return v !== "" && !["0", "false", "no", "off"].includes(v);
}

/** The request reached the site over HTTPS (as this server sees it, or as a trusted proxy says). */
export function isHttps(/** @type {Req} */ req, /** @type {Env} */ env) {
  if (/** @type {{ encrypted?: boolean }} */ (req.socket ?? {}).encrypted) return true;
  if (!trustsProxy(env)) return false;
  return header(req, "x-forwarded-proto").split(",")[0].trim().toLowerCase() === "https";
}

/** @param {string} path @param {Env} env */
function originCheckExempt(path, env) {
  if (path.startsWith("/api/auth/")) return true;
  // Test-only routes (404 unless E2E_TEST_HOOKS=1), called by the e2e runner, not a browser.
  return env.E2E_TEST_HOOKS === "1" && path.startsWith("/api/test-hooks/");
}

/** Why a state-changing request is not proven same-origin, or null when it is (or needs no proof). */
export function crossOriginReason(/** @type {Req} */ req, /** @type {Env} */ env) {
  if (SAFE_METHODS.has((req.method ?? "GET").toUpperCase())) return null;
  const path = (req.url ?? "/").split("?")[0];
  if (originCheckExempt(path, env)) return null;
  const site = header(req, "sec-fetch-site").toLowerCase();
  if (site) return site === "same-origin" ? null : `Sec-Fetch-Site: ${site.slice(0, 20)}`;
  const origin = header(req, "origin");
  if (!origin) return "neither Origin nor Sec-Fetch-Site";
  let host;
  try {
    host = new URL(origin).host;
  } catch {
    return "an unreadable Origin";
  }
  // Like Next's own check: the Host, or the host a proxy forwarded (a page cannot set either).
  const ours = [header(req, "host"), header(req, "x-forwarded-host").split(",")[0].trim()].filter(Boolean);
  return host && ours.includes(host) ? null : "a foreign Origin";
}

/** @param {string} cookieHeader */
function sessionCookie(cookieHeader) {
  /** @type {Map<string, string>} */
  const jar = new Map();
  for (const part of cookieHeader.split(";")) {
    const i = part.indexOf("=");
    if (i > 0) jar.set(part.slice(0, i).trim(), part.slice(i + 1).trim());
  }
  for (const name of SESSION_COOKIES) {
    if (jar.has(name)) return { name, value: jar.get(name) ?? "" };
    // Auth.js splits a large cookie into name.0, name.1, …
    const chunks = [];
    for (let i = 0; jar.has(`${name}.${i}`); i++) chunks.push(jar.get(`${name}.${i}`));
    if (chunks.length) return { name, value: chunks.join("") };
  }
  return null;
}

/** The secrets Auth.js accepts (AUTH_SECRET, then AUTH_SECRET_1..3 for rotation). */
function secrets(/** @type {Env} */ env) {
  return [env.AUTH_SECRET ?? env.NEXTAUTH_SECRET, env.AUTH_SECRET_1, env.AUTH_SECRET_2, env.AUTH_SECRET_3].filter((s) => typeof s === "string" && s.length > 0);
}

/** A session cookie that decrypts with our secret and has not expired (not the account's state). */
export async function hasValidSession(/** @type {Req} */ req, /** @type {Env} */ env) {
  const cookie = sessionCookie(header(req, "cookie"));
  const keys = secrets(env);
  if (!cookie || !cookie.value || cookie.value.length > 8 * KB || !keys.length) return false;
  try {
    const token = await decode({ token: cookie.value, secret: /** @type {string[]} */ (keys), salt: cookie.name });
    return Boolean(token && typeof token.uid === "string");
  } catch {
    return false;
  }
}

/** The largest body this request may carry. */
export async function bodyLimit(/** @type {Req} */ req, /** @type {Env} */ env, /** @type {Set<string>} */ uploadActionIds) {
  if (!(await hasValidSession(req, env))) return BODY_LIMITS.signedOut;
  return uploadActionIds.has(header(req, "next-action")) ? BODY_LIMITS.upload : BODY_LIMITS.signedIn;
}

/** @param {Res} res @param {number} status @param {string} text */
function refuse(req, res, status, text) {
  const claimed = Number(header(req, "content-length") || 0);
  const drain = Number.isSafeInteger(claimed) && claimed <= DRAIN_MAX && !header(req, "transfer-encoding");
  res.writeHead(status, { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store", ...(drain ? {} : { connection: "close" }) });
  res.end(`${text}\n`);
  // The rest of the body is discarded as it arrives, never held or parsed, so a client still
  // sending reads the answer instead of a broken pipe; a larger claim, or a slow one, is cut.
  req.resume();
  const timer = setTimeout(() => req.socket?.destroy(), drain ? 15_000 : 1_000);
  timer.unref();
  req.once("end", () => clearTimeout(timer));
}

/** Action ids of the upload actions in a build (its server reference manifest). */
export function uploadActionIdsFrom(/** @type {{ node?: Record<string, { exportedName?: string }> }} */ manifest) {
  return new Set(
    Object.entries(manifest.node ?? {})
      .filter(([, e]) => e.exportedName && UPLOAD_ACTIONS.includes(e.exportedName))
      .map(([id]) => id),
  );
}

/**
 * The checks as one step for the server: true when it answered the request itself (refused),
 * false to go on; sets HSTS on the response when the request came over HTTPS. Synchronous
 * unless a large body makes it decrypt the session cookie (a promise then): Next must get most
 * requests in the same tick (an action handed over a microtask later answered "{}").
 * @param {{ env?: Env; uploadActionIds?: Set<string> }} [options]
 */
export function createRequestGuard({ env = process.env, uploadActionIds = new Set() } = {}) {
  /** @param {Req} req @param {Res} res @returns {boolean | Promise<boolean>} */
  return function guard(req, res) {
    if (env.HSTS_DISABLE !== "1" && isHttps(req, env)) {
      // Set when the head is written, so the page cache never stores it with a page.
      const writeHead = res.writeHead;
      res.writeHead = /** @type {typeof res.writeHead} */ (
        function (/** @type {any[]} */ ...args) {
          res.setHeader("Strict-Transport-Security", HSTS_VALUE);
          return /** @type {any} */ (writeHead).apply(res, args);
        }
      );
    }
    const reason = crossOriginReason(req, env);
    if (reason) {
      refuse(
        req,
        res,
        403,
        `Refused: this request does not come from a page of this site (${reason}). Requests that change data must come from the same origin.`,
      );
      return true;
    }
    const length = header(req, "content-length");
    const chunked = header(req, "transfer-encoding") !== "";
    if (!length && !chunked) return false;
    // No length up front (chunked; Next itself forwards an action to the route that holds it
    // this way): counted as it arrives, cut at the limit.
    // Server-action arguments are JSON that React parses recursively: nesting is capped as the
    // bytes stream past (not for the uploads, whose bodies hold image bytes).
    const scan = header(req, "next-action") !== "" && !uploadActionIds.has(header(req, "next-action"));
    if (chunked) return bodyLimit(req, env, uploadActionIds).then((limit) => watchBody(req, res, { limit, scan }));
    const bytes = Number(length);
    if (!/^\d+$/.test(length) || !Number.isSafeInteger(bytes)) {
      refuse(req, res, 400, "Refused: the Content-Length is not a number.");
      return true;
    }
    if (bytes <= BODY_LIMITS.signedOut) return watchBody(req, res, { limit: Infinity, scan });
    if (bytes > BODY_LIMITS.upload) return tooLarge(req, res, bytes, BODY_LIMITS.upload);
    return bodyLimit(req, env, uploadActionIds).then((limit) =>
      bytes > limit ? tooLarge(req, res, bytes, limit) : watchBody(req, res, { limit: Infinity, scan }),
    );
  };
}

/** Deepest nesting of JSON accepted in a server action's arguments (React's parser overflows near 3,000). */
export const MAX_ACTION_DEPTH = 512;

/** A byte scanner over JSON text arriving in chunks: true once it nests deeper than `max`. */
export function jsonDepthScanner(/** @type {number} */ max) {
  let depth = 0;
  let inString = false;
  let escaped = false;
  return (/** @type {Uint8Array} */ bytes) => {
    // UTF-8 continuation bytes are all >= 0x80: no multi-byte character looks like a bracket or a quote.
    for (let i = 0; i < bytes.length; i++) {
      const c = bytes[i];
      if (inString) {
        if (escaped) escaped = false;
        else if (c === 92) escaped = true;
        else if (c === 34) inString = false;
      } else if (c === 34) inString = true;
      else if (c === 123 || c === 91) {
        if (++depth > max) return true;
      } else if (c === 125 || c === 93) depth--;
    }
    return false;
  };
}

/**
 * Watches a body as the HTTP parser hands it to the request stream, without holding it: counts
 * it against `limit` (a chunked body has no length to check up front; Next itself forwards an
 * action to the route that holds it this way) and, with `scan`, measures JSON nesting. Past
 * either, the rest is dropped and the client gets 413 or 400 (the connection then closes,
 * which ends Next's read).
 * @param {Req} req @param {Res} res @param {{ limit: number; scan: boolean }} options
 * @returns {boolean} true when it answered the request already (the buffered part was over the cap)
 */
function watchBody(req, res, { limit, scan }) {
  if (limit === Infinity && !scan) return false;
  const tooDeep = scan ? jsonDepthScanner(MAX_ACTION_DEPTH) : () => false;
  let seen = 0;
  let over = false;
  const claimed = Number(header(req, "content-length") || 0);
  const close = () => setTimeout(() => req.socket?.destroy(), 50).unref();
  const stop = (/** @type {number} */ status, /** @type {string} */ text) => {
    over = true;
    if (!res.headersSent) {
      res.writeHead(status, { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store", connection: "close" });
      res.end(`${text}\n`);
    }
    // Closed once the client has sent what it announced (it then reads the answer), or soon.
    if (claimed && seen >= claimed) close();
    else setTimeout(() => req.socket?.destroy(), claimed && claimed <= DRAIN_MAX ? 15_000 : 2_000).unref();
  };
  /** @param {any} chunk */
  const check = (chunk) => {
    seen += chunk.length;
    if (seen > limit) stop(413, `Refused: the request is too large (more than ${limit / MB >= 1 ? `${limit / MB} MB` : `${limit / KB} KB`}).`);
    else if (tooDeep(typeof chunk === "string" ? Buffer.from(chunk) : chunk))
      stop(400, `Refused: the request is nested too deeply (more than ${MAX_ACTION_DEPTH} levels).`);
    return !over;
  };
  // What arrived before this point (a session check may have taken a moment) is still buffered:
  // past the cap already, the request is answered here (true) and never reaches Next.
  for (const chunk of /** @type {any} */ (req).readableBuffer ?? []) if (!check(chunk)) return true;
  const push = req.push;
  req.push = function (/** @type {any} */ chunk, /** @type {any} */ encoding) {
    if (over) {
      // Dropped, never held; the end of the body (or of what was announced) closes the connection.
      if (chunk == null || (claimed && (seen += chunk.length) >= claimed)) close();
      return true;
    }
    if (chunk != null && !check(chunk)) return true;
    return push.call(req, chunk, encoding);
  };
  return false;
}

/** @param {Req} req @param {Res} res @param {number} bytes @param {number} limit */
function tooLarge(req, res, bytes, limit) {
  const what = limit === BODY_LIMITS.signedOut ? " without a session" : "";
  refuse(
    req,
    res,
    413,
    `Refused: the request is too large (${(bytes / MB).toFixed(1)} MB; at most ${limit / MB >= 1 ? `${limit / MB} MB` : `${limit / KB} KB`}${what}).`,
  );
  return true;
}
