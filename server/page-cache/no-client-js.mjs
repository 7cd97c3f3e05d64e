// @ts-check
/**
 * Public pages without Next's client runtime (shared/docs/product.md §6: no client JavaScript
 * beyond what an interaction needs).
 *
 * A public page is server components only: links, a search form that submits with GET, share
 * links, colours that follow the system. Nothing on it needs script. Next's App Router still
 * ships its router and React for every page (about 570 KB, 175 KB gzipped, in ten files), plus
 * the page's React Server Component payload inlined as `self.__next_f.push(…)` scripts (20–35 KB):
 * they only serve client-side navigation and hydration, which a reader's page does not use. A
 * link is then an ordinary page load, answered from the page cache.
 *
 * So the HTML of a public page (the public routes of public-routes.mjs, GET/HEAD, a 200 in
 * `text/html`) is rewritten before it leaves the server and before the page cache keeps
 * it: every `<script>` goes except structured data (`application/ld+json`), and so do script
 * preloads. Nothing else is touched. Newsroom pages keep everything (the editor is an app), and so
 * do error pages: Next sends a 404 or 500 as an empty shell (`<html id="__next_error__">`) that
 * its client runtime fills in.
 *
 * Next writes the page compressed (gzip, sometimes deflate) and streamed; the rewrite holds the
 * response back until Next ends it, decodes it, rewrites it, encodes it again with the same coding
 * and sends it with its length. A body in a coding it does not know is passed on as it is.
 *
 * A page without script must arrive whole: React streams a part that was not ready when the
 * shell went out as a hidden `<div>` that only a script moves into place (its `<!--$?-->`
 * boundary). Nothing on a public page suspends except Next's own metadata (the `<title>`, the
 * canonical link, the Open Graph tags), which Next streams into the body when `generateMetadata`
 * is slower than the shell, for browsers; so next.config.js makes metadata blocking for every
 * user agent (`htmlLimitedBots`), and `wholePageRequest` gives a request without one a
 * user agent, since Next streams for those whatever the setting. Should a page still come with a
 * boundary pending, it keeps its scripts rather than lose what is inside.
 *
 * A page left without script has no use for the render's nonce in its markup (`nonce="…"` on the
 * stylesheet link and structured data, which no policy applies to) or in Next's Link header: with
 * `dropNonces`, the rewrite takes it out of both. The page is then the same for every reader, the
 * page cache serves it as stored, and each response's nonce is in its policy header alone.
 */
import { deflateSync, gunzipSync, gzipSync, inflateSync } from "node:zlib";

const SCRIPT = /<script\b([^>]*)>[\s\S]*?<\/script[ \t\n\f\r]*>/gi;
const LINK = /<link\b[^>]*>/gi;
/** A Suspense boundary React sent as pending: its content follows, hidden, for a script to move in. */
const PENDING_BOUNDARY = /<!--\$\?-->/;

/**
 * An attribute's value. The page is read byte for byte (latin1, see decode), so whitespace is
 * HTML's own five characters: `\s` would also take the second byte of "à" (0xA0) for a space.
 * @param {string} tag @param {string} name
 */
function attr(tag, name) {
  const m = new RegExp(`[ \\t\\n\\f\\r]${name}[ \\t\\n\\f\\r]*=[ \\t\\n\\f\\r]*(?:"([^"]*)"|'([^']*)'|([^ \\t\\n\\f\\r>]+))`, "i").exec(tag);
  return m ? (m[1] ?? m[2] ?? m[3] ?? "") : null;
}

/**
 * The page without Next's client runtime: scripts (structured data kept) and script preloads removed.
 * @param {string} html
 */
export function stripClientRuntime(html) {
  if (PENDING_BOUNDARY.test(html)) return html;
  return html
    .replace(SCRIPT, (whole, attrs) => ((attr(` ${attrs}`, "type") ?? "").toLowerCase() === "application/ld+json" ? whole : ""))
    .replace(LINK, (tag) => {
      const rel = (attr(tag, "rel") ?? "").toLowerCase();
      return rel === "modulepreload" || (rel === "preload" && (attr(tag, "as") ?? "").toLowerCase() === "script") ? "" : tag;
    });
}

/** A `nonce` attribute: React writes it `nonce="…"`, and escapes `"` in text and values. */
const NONCE_ATTRIBUTE = /[ \t\n\f\r]nonce="[^"]*"/gi;
/** The nonce parameter of a Link header's preload (Next adds the render's nonce to it). */
const LINK_NONCE = /;[ \t]*nonce="[^"]*"/gi;

/**
 * Whether the page arrived whole: no Suspense boundary left pending for a script to fill in.
 * @param {string} html
 */
export function isWholePage(html) {
  return !PENDING_BOUNDARY.test(html);
}

/**
 * A whole page without its nonces: once it has no script, a nonce names nothing.
 * @param {string} html
 */
export function withoutNonces(html) {
  return html.replace(NONCE_ATTRIBUTE, "");
}

/**
 * The page's bytes as a string of one character a byte (latin1), and back in `encode`: what is
 * rewritten is markup, all ASCII, and every other byte goes back out as it came. Decoding the
 * UTF-8 instead cost about 0.8 ms a render for a French article with its payload (non-ASCII text
 * takes V8's slow path), a twentieth of the render.
 * @param {Buffer} body @param {string} coding @returns {string | null}
 */
export function decode(body, coding) {
  try {
    if (coding === "identity") return body.toString("latin1");
    if (coding === "gzip" || coding === "x-gzip") return gunzipSync(body).toString("latin1");
    if (coding === "deflate") return inflateSync(body).toString("latin1");
  } catch {
    return null;
  }
  return null;
}

/** @param {string} text @param {string} coding */
export function encode(text, coding) {
  const raw = Buffer.from(text, "latin1");
  if (coding === "gzip" || coding === "x-gzip") return gzipSync(raw);
  if (coding === "deflate") return deflateSync(raw);
  return raw;
}

/** @param {unknown} chunk @param {unknown} encoding */
export function toBuffer(chunk, encoding) {
  if (Buffer.isBuffer(chunk)) return Buffer.from(chunk);
  if (chunk instanceof Uint8Array) return Buffer.from(chunk);
  return Buffer.from(String(chunk), typeof encoding === "string" ? /** @type {BufferEncoding} */ (encoding) : "utf8");
}

/** @param {import("node:http").ServerResponse} res @param {unknown[]} rest @param {string} name */
export function headerOf(res, rest, name) {
  const last = rest[rest.length - 1];
  if (last && typeof last === "object") {
    if (Array.isArray(last)) {
      for (let i = 0; i + 1 < last.length; i += 2) if (String(last[i]).toLowerCase() === name) return String(last[i + 1]);
    } else for (const [k, v] of Object.entries(last)) if (k.toLowerCase() === name) return String(v);
  }
  const v = res.getHeader(name);
  return v === undefined ? "" : String(v);
}

/**
 * Sets a response header in the arguments of a pending writeHead call and on the response.
 * @param {import("node:http").ServerResponse} res @param {unknown[]} rest @param {string} name @param {string | string[]} value
 */
function setHeaderOf(res, rest, name, value) {
  const last = rest[rest.length - 1];
  if (last && typeof last === "object") {
    if (Array.isArray(last)) {
      for (let i = last.length - 2; i >= 0; i -= 2) if (String(last[i]).toLowerCase() === name) last.splice(i, 2);
    } else for (const k of Object.keys(last)) if (k.toLowerCase() === name) delete (/** @type {Record<string, unknown>} */ (last)[k]);
  }
  res.setHeader(name, value);
}

/**
 * Rewrites the HTML written to `res` with `stripClientRuntime` (see above). To be called before
 * Next's handler writes anything, after any wrapper that must see the rewritten page (the page
 * cache's capture). With `dropNonces`, a page rewritten whole leaves without the render's nonce.
 * @param {import("node:http").ServerResponse} res
 * @param {{ dropNonces?: boolean }} [options]
 */
export function withoutClientRuntime(res, { dropNonces = false } = {}) {
  const out = /** @type {any} */ (res);
  const { writeHead, write, end } = out;
  /** @type {Buffer[]} */
  const chunks = [];
  /** @type {unknown[] | null} */
  let head = null;
  let mode = /** @type {"undecided" | "hold" | "pass"} */ ("undecided");
  // The wrappers stay in place once decided: Next's compression wraps write and end after them
  // and calls these very functions, so putting the originals back would cut it out.
  const { flushHeaders } = out;
  out.writeHead = function (/** @type {number} */ status, /** @type {unknown[]} */ ...rest) {
    // Held already: a later call (compression asks again while nothing has gone out) keeps the first one's headers.
    if (mode === "hold") return this;
    const type = headerOf(res, rest, "content-type").toLowerCase();
    const coding = (headerOf(res, rest, "content-encoding") || "identity").toLowerCase();
    if (status !== 200 || !type.startsWith("text/html") || !["identity", "gzip", "x-gzip", "deflate"].includes(coding)) {
      mode = "pass";
      return writeHead.call(this, status, ...rest);
    }
    mode = "hold";
    head = [status, ...rest];
    return this;
  };
  // Nothing may go out before the rewritten page (Next may ask to flush the headers early).
  out.flushHeaders = function () {
    if (mode === "pass") return flushHeaders.call(this);
  };
  out.write = function (/** @type {unknown[]} */ ...args) {
    if (mode === "undecided") this.writeHead(this.statusCode);
    if (mode === "pass") return write.apply(this, args);
    if (args[0] != null && typeof args[0] !== "function") chunks.push(toBuffer(args[0], args[1]));
    const cb = args.find((a) => typeof a === "function");
    if (typeof cb === "function") process.nextTick(cb);
    return true;
  };
  out.end = function (/** @type {unknown[]} */ ...args) {
    if (args[0] != null && typeof args[0] !== "function") {
      if (mode === "undecided") this.writeHead(this.statusCode);
      if (mode === "hold") chunks.push(toBuffer(args[0], args[1]));
    }
    if (mode === "pass") return end.apply(this, args);
    const cb = args.find((a) => typeof a === "function");
    if (mode === "undecided") {
      mode = "pass";
      return end.call(this, cb);
    }
    mode = "pass"; // what follows (Node's own calls) goes straight through
    const [status, ...rest] = /** @type {[number, ...unknown[]]} */ (head);
    const coding = (headerOf(res, rest, "content-encoding") || "identity").toLowerCase();
    const body = Buffer.concat(chunks);
    const text = decode(body, coding);
    const whole = text !== null && isWholePage(text);
    const sent = !whole ? body : encode(dropNonces ? withoutNonces(stripClientRuntime(text)) : stripClientRuntime(text), coding);
    if (whole && dropNonces) {
      const link = headerOf(res, rest, "link");
      if (link.includes("nonce")) setHeaderOf(this, rest, "link", link.replace(LINK_NONCE, ""));
    }
    this.removeHeader("transfer-encoding");
    this.setHeader("content-length", String(sent.length));
    const headers = rest[rest.length - 1];
    if (headers && typeof headers === "object" && !Array.isArray(headers)) {
      /** @type {Record<string, unknown>} */
      const copy = { ...headers };
      for (const k of Object.keys(copy)) if (["content-length", "transfer-encoding"].includes(k.toLowerCase())) delete copy[k];
      rest[rest.length - 1] = { ...copy, "content-length": String(sent.length) };
    }
    writeHead.call(this, status, ...rest);
    // A HEAD response sends no body whatever is passed (Node drops it).
    return end.call(this, sent, cb);
  };
}

/**
 * Whether the answer to `req` is a reader's page to rewrite: GET or HEAD of a public route, not
 * a client-navigation payload (those are `text/x-component` and pass through anyway).
 * @param {import("node:http").IncomingMessage} req
 * @param {(url: string) => string | null} canonical
 */
export function isReaderPage(req, canonical) {
  const method = req.method ?? "GET";
  if (method !== "GET" && method !== "HEAD") return false;
  if (req.headers.rsc !== undefined || req.headers["next-router-prefetch"] !== undefined) return false;
  return canonical(req.url ?? "/") !== null;
}

/**
 * Makes Next render the page whole, metadata included (see above): a request without a
 * User-Agent header gets one, because Next streams the metadata of such requests whatever
 * `htmlLimitedBots` says. Nothing in the app reads the user agent otherwise.
 * @param {import("node:http").IncomingMessage} req
 */
export function wholePageRequest(req) {
  if (!req.headers["user-agent"]) req.headers["user-agent"] = "-";
}
