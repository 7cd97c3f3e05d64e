// @ts-check
/**
 * Content-Encoding negotiation for the page cache: which clients Next's compression answers
 * alike (part of the cache key), and whether a stored body may be sent to a client.
 */

import { boundedMemo } from "../../lib/bounded-memo.mjs";

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

// Browsers send a handful of distinct headers; a client inventing new ones only refills this.
const classOf = boundedMemo(negotiateClass, { maxEntries: 256 });

/**
 * The class of clients that Next's compression (next/dist/compiled/compression: gzip, deflate
 * or none, deflate only where gzip is not acceptable) answers alike: the coding it negotiates,
 * and whether identity is excluded. Eight classes at most, whatever the header says.
 * @param {string | string[] | undefined} header
 */
export function encodingClass(header) {
  return classOf(Array.isArray(header) ? header.join(",") : (header ?? ""));
}

/** @param {string} header */
function negotiateClass(header) {
  const codings = parseAcceptEncoding(header);
  const gzip = quality(codings, "gzip");
  const deflate = quality(codings, "deflate");
  const identity = quality(codings, "identity");
  const chosen = gzip > 0 ? (gzip >= identity ? "gzip" : "identity") : deflate > 0 ? (deflate >= identity ? "deflate" : "identity") : "identity";
  return identity > 0 ? chosen : `${chosen};identity=0`;
}
