import "server-only";

import type { IncomingMessage, ServerResponse } from "node:http";
import { gzipSync } from "node:zlib";

import type { Tx } from "@/db";
import { acceptsEncoding } from "@/server/page-cache/encoding.mjs";
import { SECURITY_HEADERS } from "@/server/security-headers.mjs";

import { JSON_TYPE, type ApiAnswer } from "./http";
import type { ApiBody } from "./response-cache";
import { answerApiRequest, API_METHODS, apiRoute } from "./routes";

/*
 * The Content API answered by the production server itself (server/serve.mjs, through
 * server/content-api-bridge.mjs), with the routes Next's route files use (routes.ts): the same
 * answers, without Next's route machinery in front. What Next would add, this adds: its security
 * headers (server/security-headers.mjs) and gzip for clients that ask for it. A kept answer
 * (response-cache.ts) is compressed once and sent compressed to every later client.
 */

/** Smaller bodies go as they are (as Next's compression does). */
const GZIP_MIN_BYTES = 1024;

const BASE_HEADERS: Record<string, string> = Object.fromEntries(SECURITY_HEADERS.map((h) => [h.key.toLowerCase(), h.value]));

/**
 * A kept answer's gzipped bytes, made at its first gzip client and gone with it when the response
 * cache lets it go. Not counted against API_CACHE_MB: gzipped JSON is about a tenth of what the
 * cache counts for the answer itself (its text as UTF-16), or less.
 */
const gzipped = new WeakMap<ApiBody, Buffer>();

/** The request as a fetch Request (what the handlers read: method, URL, headers). */
function toRequest(req: IncomingMessage): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    headers.set(name, Array.isArray(value) ? value.join(", ") : value);
  }
  const host = typeof req.headers.host === "string" && req.headers.host ? req.headers.host : "localhost";
  return new Request(`http://${host}${req.url ?? "/"}`, { method: req.method, headers });
}

/**
 * Writes the answer: gzipped when it is long enough to gain and the client accepts gzip (`zip`
 * makes, or finds, the gzipped bytes), always with its length.
 */
function send(req: IncomingMessage, res: ServerResponse, status: number, headers: Record<string, string>, body: Buffer | string | null, zip: () => Buffer) {
  if (body !== null && Buffer.byteLength(body) >= GZIP_MIN_BYTES && acceptsEncoding(req.headers["accept-encoding"], "gzip")) {
    body = zip();
    headers["content-encoding"] = "gzip";
    headers.vary = "Accept-Encoding";
  }
  if (body !== null) headers["content-length"] = String(Buffer.byteLength(body));
  res.writeHead(status, headers);
  res.end(req.method === "HEAD" || body === null ? undefined : body);
}

async function write(req: IncomingMessage, res: ServerResponse, answer: ApiAnswer): Promise<void> {
  if (answer instanceof Response) {
    const headers: Record<string, string> = { ...BASE_HEADERS };
    answer.headers.forEach((value, name) => void (headers[name] = value));
    const body = answer.body === null ? null : Buffer.from(await answer.arrayBuffer());
    // The description, a long error: compressed for this request only.
    return send(req, res, answer.status, headers, body, () => gzipSync(body!));
  }
  const headers: Record<string, string> = { ...BASE_HEADERS, ...answer.headers, vary: "Accept-Encoding" };
  if (answer.status === 304) return send(req, res, 304, headers, null, () => Buffer.alloc(0));
  headers["content-type"] = JSON_TYPE;
  const kept = answer.body;
  return send(req, res, 200, headers, kept.json, () => {
    let zipped = gzipped.get(kept);
    if (!zipped) gzipped.set(kept, (zipped = gzipSync(kept.json)));
    return zipped;
  });
}

/**
 * A request the Content API answers (a GET, HEAD or preflight on one of its routes): the promise
 * of its answer, written to `res`. Anything else: null, synchronously, and the server passes the
 * request on to Next (which answers 404, 405 or its redirects as before).
 */
export function serveContentApi(req: IncomingMessage, res: ServerResponse, db?: () => Promise<Tx>): Promise<void> | null {
  const url = req.url ?? "/";
  if (!url.startsWith("/api/v1/") || !API_METHODS.has(req.method ?? "GET")) return null;
  const q = url.indexOf("?");
  const route = apiRoute(q === -1 ? url : url.slice(0, q));
  if (!route) return null;
  return answerApiRequest(route, toRequest(req), db).then((answer) => write(req, res, answer));
}
