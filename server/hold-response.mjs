// @ts-check
/**
 * Holding back an answer Next writes, to send it changed once it is whole: the reader-page
 * rewrite (page-cache/no-client-js.mjs) and the reader's 404 (not-found-page.mjs) both do this.
 *
 * `holdResponse(res, { hold, finish })` wraps `res` before Next's handler writes anything. At the
 * answer's `writeHead` (or first write), `hold(status, rest)` decides: false, and everything goes
 * straight through; true, and nothing leaves until Next ends the answer, when `finish` gets the
 * status, the `writeHead` arguments and the whole body (as written: compressed if Next compressed
 * it) and sends what it chooses with `send`, now or later. The wrappers stay in place once decided:
 * Next's compression wraps write and end after them and calls these very functions, so putting
 * the originals back would cut it out.
 */

/**
 * @typedef {{
 *   status: number,
 *   rest: unknown[],
 *   body: Buffer,
 *   send: (body: Buffer, options?: { status?: number, drop?: string[] }) => void,
 * }} Held
 */

/** @param {unknown} chunk @param {unknown} encoding */
export function toBuffer(chunk, encoding) {
  if (Buffer.isBuffer(chunk)) return Buffer.from(chunk);
  if (chunk instanceof Uint8Array) return Buffer.from(chunk);
  return Buffer.from(String(chunk), typeof encoding === "string" ? /** @type {BufferEncoding} */ (encoding) : "utf8");
}

/**
 * A response header from the arguments of a pending writeHead call, else from the response.
 * @param {import("node:http").ServerResponse} res @param {unknown[]} rest @param {string} name
 */
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
 * @param {import("node:http").ServerResponse} res
 * @param {{ hold: (status: number, rest: unknown[]) => boolean, finish: (held: Held) => void }} options
 */
export function holdResponse(res, { hold, finish }) {
  const out = /** @type {any} */ (res);
  const { writeHead, write, end, flushHeaders } = out;
  /** @type {Buffer[]} */
  const chunks = [];
  /** @type {unknown[] | null} */
  let head = null;
  let mode = /** @type {"undecided" | "hold" | "pass"} */ ("undecided");
  out.writeHead = function (/** @type {number} */ status, /** @type {unknown[]} */ ...rest) {
    // Held already: a later call (compression asks again while nothing has gone out) keeps the first one's headers.
    if (mode === "hold") return this;
    if (mode === "pass" || !hold(status, rest)) {
      mode = "pass";
      return writeHead.call(this, status, ...rest);
    }
    mode = "hold";
    head = [status, ...rest];
    return this;
  };
  // Nothing may go out before the held answer (Next may ask to flush the headers early).
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
    /** @type {Held["send"]} */
    const send = (body, { status: sentStatus = status, drop = [] } = {}) => {
      if (res.destroyed) return;
      const gone = new Set(["content-length", "transfer-encoding", ...drop]);
      const headers = rest[rest.length - 1];
      if (headers && typeof headers === "object" && !Array.isArray(headers)) {
        /** @type {Record<string, unknown>} */
        const copy = { ...headers };
        for (const k of Object.keys(copy)) if (gone.has(k.toLowerCase())) delete copy[k];
        rest[rest.length - 1] = { ...copy, "content-length": String(body.length) };
      }
      for (const name of gone) res.removeHeader(name);
      res.setHeader("content-length", String(body.length));
      writeHead.call(res, sentStatus, ...rest);
      // A HEAD response sends no body whatever is passed (Node drops it).
      end.call(res, body, cb);
    };
    finish({ status, rest, body: Buffer.concat(chunks), send });
    return this;
  };
}
