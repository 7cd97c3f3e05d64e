// @ts-check
/**
 * Copies what Next writes to a response, for the page cache to store once it has finished.
 */

/**
 * Headers that describe one transmission, not the resource: never stored. (X-Request-Id names the
 * request that rendered the page, not the ones a stored copy answers.)
 */
const HOP_HEADERS = new Set(["date", "connection", "keep-alive", "transfer-encoding", "content-length", "set-cookie", "x-newsroom-cache", "x-request-id"]);

/**
 * Keeps a copy of what is written to `res`, and hands it over once the response has finished
 * if it is a complete 200 without cookies.
 * @param {import("node:http").ServerResponse} res
 * @param {(entry: { status: number; headers: Record<string, string | string[]>; body: Buffer }) => void} done
 * @param {number} limit
 */
export function capture(res, done, limit) {
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
