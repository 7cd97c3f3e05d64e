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

import { headerOf, holdResponse } from "../hold-response.mjs";

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

/** The codings Next writes a page in that the rewrite can read and write again. */
export const REWRITABLE_CODINGS = ["identity", "gzip", "x-gzip", "deflate"];

/** @param {import("node:http").ServerResponse} res @param {unknown[]} rest */
export function codingOf(res, rest) {
  return (headerOf(res, rest, "content-encoding") || "identity").toLowerCase();
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
  holdResponse(res, {
    hold: (status, rest) =>
      status === 200 && headerOf(res, rest, "content-type").toLowerCase().startsWith("text/html") && REWRITABLE_CODINGS.includes(codingOf(res, rest)),
    finish: ({ rest, body, send }) => {
      const coding = codingOf(res, rest);
      const text = decode(body, coding);
      // A page with a part still pending keeps its scripts rather than lose what is inside.
      if (text === null || !isWholePage(text)) return send(body);
      const sent = encode(dropNonces ? withoutNonces(stripClientRuntime(text)) : stripClientRuntime(text), coding);
      if (dropNonces) {
        const link = headerOf(res, rest, "link");
        if (link.includes("nonce")) setHeaderOf(res, rest, "link", link.replace(LINK_NONCE, ""));
      }
      send(sent);
    },
  });
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
