// @ts-check
/**
 * A stored page with its CSP nonce cut out, so that each response served from the cache carries
 * a nonce of its own (server/csp.mjs).
 *
 * The page was rendered with a nonce this server drew at random just before the render, so the
 * page cannot have contained it beforehand: every occurrence in the body is one Next wrote, and
 * only those are replaced. The body is kept as the pieces between the occurrences.
 *
 * Next compresses pages (gzip for nearly every client). Recompressing a page on every hit would
 * cost more than the cache saves, so a gzip entry keeps each piece compressed on its own (raw
 * deflate, ended on a byte boundary with nothing referring back across pieces). A hit writes the
 * gzip header, the pieces with the fresh nonce between them as stored (uncompressed) deflate
 * blocks, an empty final block and the trailer (CRC-32 and length of the whole page). Bodies in
 * other codings (deflate, which no browser prefers) are not kept in this form: see `templateOf`.
 */
import { constants, crc32, deflateRawSync, gunzipSync } from "node:zlib";

/**
 * `stored`: the bytes the template holds (the pieces are views of it), counted against the cache's budget.
 * @typedef {{ coding: "identity" | "gzip"; stored: Buffer; pieces: Buffer[]; packed: Buffer[]; crcs: number[]; advance: number[][]; plainLength: number; nonceLength: number }} NonceTemplate
 */

/** @param {Buffer} body @param {Buffer} needle */
function split(body, needle) {
  /** @type {Buffer[]} */
  const pieces = [];
  let from = 0;
  for (let at = body.indexOf(needle, from); at !== -1; at = body.indexOf(needle, from)) {
    pieces.push(body.subarray(from, at));
    from = at + needle.length;
  }
  pieces.push(body.subarray(from));
  return pieces;
}

/**
 * The body as a template, or null when it cannot be kept as one (a coding other than identity
 * and gzip, a gzip body that does not decode). Null for a body without the nonce is not needed:
 * it is one piece, served as it is.
 * @param {Buffer} body
 * @param {string} coding the Content-Encoding it was sent with
 * @param {string} nonce the nonce it was rendered with
 * @returns {NonceTemplate | null}
 */
export function templateOf(body, coding, nonce) {
  const needle = Buffer.from(nonce, "latin1");
  if (coding === "identity") {
    const pieces = split(body, needle);
    return {
      coding,
      stored: body,
      pieces,
      packed: [],
      crcs: [],
      advance: [],
      plainLength: body.length - (pieces.length - 1) * needle.length,
      nonceLength: needle.length,
    };
  }
  if (coding !== "gzip") return null;
  let plain;
  try {
    plain = gunzipSync(body);
  } catch {
    return null;
  }
  const pieces = split(plain, needle);
  // Each piece compressed alone and flushed to a byte boundary: pieces can be joined with stored
  // blocks between them, and none refers back into a nonce that will have changed.
  const each = pieces.map((p) => (p.length === 0 ? Buffer.alloc(0) : deflateRawSync(p, { finishFlush: constants.Z_FULL_FLUSH })));
  // One buffer for all of them, so that the entry's memory is counted once (stored).
  const stored = Buffer.concat(each);
  /** @type {Buffer[]} */
  const packed = [];
  let at = 0;
  for (const p of each) {
    packed.push(stored.subarray(at, at + p.length));
    at += p.length;
  }
  return {
    coding,
    stored,
    pieces: [],
    packed,
    crcs: pieces.map((p) => crc32(p)),
    advance: pieces.map((p) => advanceOperator(p.length)),
    plainLength: plain.length - (pieces.length - 1) * needle.length,
    nonceLength: needle.length,
  };
}

/**
 * Whether the body holds the nonce anywhere; null for a body that cannot be read (a coding other
 * than identity and gzip, a gzip body that does not decode), which `templateOf` cannot keep either.
 * @param {Buffer} body @param {string} coding @param {string} nonce
 */
export function bodyNamesNonce(body, coding, nonce) {
  const needle = Buffer.from(nonce, "latin1");
  if (coding === "identity") return body.includes(needle);
  if (coding !== "gzip") return null;
  try {
    return gunzipSync(body).includes(needle);
  } catch {
    return null;
  }
}

/** A stored deflate block holding `data` (< 64 KB), not the last one. */
function storedBlock(/** @type {Buffer} */ data) {
  const head = Buffer.alloc(5);
  head[0] = 0; // BFINAL 0, BTYPE 00, padded to the byte boundary
  head.writeUInt16LE(data.length, 1);
  head.writeUInt16LE(~data.length & 0xffff, 3);
  return [head, data];
}

// The last, empty block (BFINAL 1, fixed Huffman, end-of-block): 0x03 0x00.
const FINAL_BLOCK = Buffer.from([0x03, 0x00]);
const GZIP_HEADER = Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff]);

/**
 * The page with `nonce` in every place the stored one was, in the stored coding, as the list of
 * buffers to write one after the other (no copy of the page) and their total length.
 * @param {NonceTemplate} t
 * @param {string} nonce
 * @returns {{ parts: Buffer[]; length: number }}
 */
export function fillTemplateParts(t, nonce) {
  const value = Buffer.from(nonce, "latin1");
  /** @type {Buffer[]} */
  const parts = [];
  if (t.coding === "identity") {
    for (let i = 0; i < t.pieces.length; i++) {
      if (i > 0) parts.push(value);
      parts.push(t.pieces[i]);
    }
  } else {
    parts.push(GZIP_HEADER);
    let crc = 0;
    for (let i = 0; i < t.packed.length; i++) {
      if (i > 0) {
        parts.push(...storedBlock(value));
        crc = crc32(value, crc);
      }
      parts.push(t.packed[i]);
      crc = (times(t.advance[i], crc) ^ t.crcs[i]) >>> 0;
    }
    parts.push(FINAL_BLOCK);
    const trailer = Buffer.alloc(8);
    trailer.writeUInt32LE(crc >>> 0, 0);
    trailer.writeUInt32LE((t.plainLength + (t.packed.length - 1) * value.length) >>> 0, 4);
    parts.push(trailer);
  }
  let length = 0;
  for (const p of parts) length += p.length;
  return { parts, length };
}

/**
 * The same as one buffer.
 * @param {NonceTemplate} t
 * @param {string} nonce
 */
export function fillTemplate(t, nonce) {
  return Buffer.concat(fillTemplateParts(t, nonce).parts);
}

/**
 * The operator that advances a CRC-32 register over `len` bytes (zlib's crc32_combine, by GF(2)
 * matrix squaring): crc(A followed by B) = advance(crc(A), len(B)) XOR crc(B). Node has no
 * crc32_combine, and a gzip template no longer holds its pieces in plain, so each piece keeps
 * its operator (32 numbers) and a hit applies it in 32 steps.
 * @param {number} len
 * @returns {number[]}
 */
function advanceOperator(len) {
  /** @type {number[]} */
  let identity = [];
  for (let n = 0; n < 32; n++) identity.push((1 << n) >>> 0);
  if (len === 0) return identity;
  /** @type {number[]} */
  let odd = [0xedb88320];
  let row = 1;
  for (let n = 1; n < 32; n++) {
    odd.push(row >>> 0);
    row <<= 1;
  }
  let even = square(odd); // two zero bits
  odd = square(even); // four zero bits
  let op = identity;
  let remaining = len;
  do {
    even = square(odd);
    if (remaining & 1) op = compose(even, op);
    remaining >>>= 1;
    if (remaining === 0) break;
    odd = square(even);
    if (remaining & 1) op = compose(odd, op);
    remaining >>>= 1;
  } while (remaining !== 0);
  return op;
}

/** @param {number[]} mat @param {number} vec */
function times(mat, vec) {
  let sum = 0;
  for (let i = 0; vec !== 0; i++, vec >>>= 1) if (vec & 1) sum ^= mat[i];
  return sum >>> 0;
}
/** @param {number[]} mat */
function square(mat) {
  return compose(mat, mat);
}
/** The operator "b, then a". @param {number[]} a @param {number[]} b */
function compose(a, b) {
  const out = [];
  for (let n = 0; n < 32; n++) out.push(times(a, b[n]));
  return out;
}
