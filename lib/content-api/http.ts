import { createHash } from "node:crypto";

import type { ApiBody } from "./response-cache";

/*
 * The HTTP side of the Content API: CORS for GET, ETag/304, Cache-Control and the one error shape
 * `{ "error": { "code", "message", "parameter"? } }`.
 */

export const CORS_HEADERS: Record<string, string> = {
  "access-control-allow-origin": "*",
  "access-control-expose-headers": "ETag, Retry-After, X-RateLimit-Limit, X-RateLimit-Remaining",
};

// Published content may change at any moment; clients keep it a minute, then revalidate with the ETag.
export const CACHE_CONTROL = "private, max-age=60, must-revalidate";

export function preflight(): Response {
  return new Response(null, {
    status: 204,
    headers: {
      ...CORS_HEADERS,
      "access-control-allow-methods": "GET, OPTIONS",
      "access-control-allow-headers": "Authorization, If-None-Match",
      "access-control-max-age": "86400",
    },
  });
}

export function apiError(status: number, code: string, message: string, extra: { parameter?: string; headers?: Record<string, string> } = {}): Response {
  const error: Record<string, string> = { code, message };
  if (extra.parameter) error.parameter = extra.parameter;
  return Response.json({ error }, { status, headers: { ...CORS_HEADERS, "cache-control": "no-store", ...extra.headers } });
}

/** Thrown by the parameter parsers: a 400 naming the parameter. */
export class BadParameter extends Error {
  constructor(
    readonly parameter: string,
    message: string,
  ) {
    super(message);
  }
}

const etagOf = (body: string) => `"${createHash("sha256").update(body).digest("base64url").slice(0, 27)}"`;

/** Whether If-None-Match names this ETag (a list, weak or strong, or `*`). */
function matches(ifNoneMatch: string | null, etag: string): boolean {
  if (!ifNoneMatch) return false;
  return ifNoneMatch.split(",").some((t) => {
    const tag = t.trim().replace(/^W\//, "");
    return tag === "*" || tag === etag;
  });
}

/** An answer's JSON and its ETag, made once (and kept by the response cache, response-cache.ts). */
export function jsonBody(value: unknown): ApiBody {
  const json = JSON.stringify(value);
  return { json, etag: etagOf(json) };
}

/**
 * An answer before it is a response: a kept JSON body (200, or 304 when the client has it) with
 * its headers, or a response made whole (errors, redirects, the preflight). Two ways out: a
 * fetch-style Response for Next's route handlers (toResponse), and the production server's own
 * writer, which also sends the body gzipped once per kept answer (node.ts).
 */
export type ApiAnswer = { status: 200 | 304; headers: Record<string, string>; body: ApiBody } | Response;

export const JSON_TYPE = "application/json; charset=utf-8";

/** 200 with the JSON, or 304 when the client already has this exact body. */
export function respondJson(request: Request, body: ApiBody, headers: Record<string, string> = {}): ApiAnswer {
  const common = { ...CORS_HEADERS, etag: body.etag, "cache-control": CACHE_CONTROL, ...headers };
  return { status: matches(request.headers.get("if-none-match"), body.etag) ? 304 : 200, headers: common, body };
}

/** The answer as a fetch Response. (Next compresses it: it drops a Content-Encoding a route handler sets.) */
export function toResponse(answer: ApiAnswer): Response {
  if (answer instanceof Response) return answer;
  if (answer.status === 304) return new Response(null, { status: 304, headers: answer.headers });
  return new Response(answer.body.json, { status: 200, headers: { ...answer.headers, "content-type": JSON_TYPE } });
}

/** `limit`: 1–100, default 20. */
export function limitParam(params: URLSearchParams): number {
  const raw = params.get("limit");
  if (raw === null) return 20;
  const n = Number(raw);
  if (!/^\d+$/.test(raw) || n < 1 || n > 100) throw new BadParameter("limit", "limit must be a whole number from 1 to 100.");
  return n;
}

export function encodeCursor(value: Record<string, string>): string {
  return Buffer.from(JSON.stringify(value)).toString("base64url");
}

/** The fields of a cursor this API handed out, or a 400. */
export function decodeCursor<K extends string>(params: URLSearchParams, keys: readonly K[]): Record<K, string> | undefined {
  const raw = params.get("cursor");
  if (raw === null) return undefined;
  try {
    const value = JSON.parse(Buffer.from(raw, "base64url").toString("utf8")) as Record<string, unknown>;
    if (value && typeof value === "object" && keys.every((k) => typeof value[k] === "string")) return value as Record<K, string>;
  } catch {
    // falls through to the 400
  }
  throw new BadParameter("cursor", "cursor is not one this API returned: pass next_cursor from the previous page unchanged.");
}
