import "server-only";

import { and, type SQL } from "drizzle-orm";

import type { Tx } from "@/db";
import { afterArticle, listPublicAuthors, listPublicSections, listPublicTags, updatedSince } from "@/db/queries/content-api";
import {
  byAuthor,
  findSlugRedirect,
  getAuthorBySlug,
  getBylines,
  getCorrections,
  getPublicTagBySlug,
  getPublishedArticleBySlug,
  inSection,
  listFeedArticles,
  withTag,
} from "@/db/queries/public";
import { getPublicGeneration } from "@/db/queries/system";
import { publicBody } from "@/lib/rich-text/suggestions";
import { originOf } from "@/lib/seo/site-url";
import { peekPublicGeneration } from "@/server/public-generation.mjs";

import { apiError, BadParameter, CORS_HEADERS, decodeCursor, encodeCursor, jsonBody, limitParam, respondJson, toResponse, type ApiAnswer } from "./http";
import { checkApiKey } from "./keys";
import { sharedResponseCache, type ApiBody, type ResponseCache } from "./response-cache";
import { articleSummaryJson, authorJson, imageJson, isoDate, sectionJson, tagJson } from "./serialize";

/*
 * The Content API's GET handlers. Every read goes through the public queries (publishedOnly), so
 * the API shows exactly what the public site shows: no draft, scheduled, unpublished or embargoed
 * article, no working copy of a published one, no preview.
 */

/** A handler's answer: the JSON of a 200 (kept by the response cache), or any other response. */
type Handler = (db: Tx, url: URL, origin: string) => Promise<ApiBody | Response>;

/** answerApi as a fetch Response (Next's route handlers, the tests, the in-process bench). */
export async function serveApi(db: Tx, request: Request, handler: Handler, cache = sharedResponseCache()): Promise<Response> {
  return toResponse(await answerApi(db, request, handler, cache));
}

/**
 * The key check and the answer. The answer comes from the response cache when this page was
 * already answered at the current public generation, else from the handler; it is read while the
 * key is checked (the check is a write of its own: one round trip less on every request) and goes
 * out only if the key passes. Only published content is ever read, the same any reader of the
 * public site may have rendered, so a refused request costs a read and learns nothing. A request
 * without a key is refused before anything is read. A bad parameter is a 400 naming it.
 */
export async function answerApi(db: Tx, request: Request, handler: Handler, cache = sharedResponseCache()): Promise<ApiAnswer> {
  const authorization = request.headers.get("authorization");
  const checking = checkApiKey(db, authorization);
  const answering = /^Bearer\s+\S/i.test(authorization ?? "") ? answer(db, request, handler, cache) : undefined;
  // Settled here so that a failure while the key is refused is never an unhandled rejection.
  const answered = answering?.then(
    (value) => ({ value }),
    (error: unknown) => ({ error }),
  );
  const key = await checking;
  if (!key.ok) {
    const headers: Record<string, string> = key.status === 401 ? { "www-authenticate": 'Bearer realm="newsroom"' } : {};
    if (key.retryAfterSeconds) headers["retry-after"] = String(key.retryAfterSeconds);
    if (key.limit) Object.assign(headers, { "x-ratelimit-limit": String(key.limit), "x-ratelimit-remaining": "0" });
    return apiError(key.status, key.code, key.message, { headers });
  }
  const rate = { "x-ratelimit-limit": String(key.limit), "x-ratelimit-remaining": String(key.remaining) };
  const result = await answered!; // a key that passed came as `Bearer …`
  if ("error" in result) {
    const error = result.error;
    if (error instanceof BadParameter) return apiError(400, "invalid_parameter", error.message, { parameter: error.parameter, headers: rate });
    throw error;
  }
  const value = result.value;
  if (value instanceof Response) {
    for (const [k, v] of Object.entries(rate)) value.headers.set(k, v);
    return value;
  }
  return respondJson(request, value, rate);
}

/** The handler's answer, or the one kept for this origin, path and query at the current public generation. */
async function answer(db: Tx, request: Request, handler: Handler, cache: ResponseCache | null): Promise<ApiBody | Response> {
  const url = new URL(request.url);
  const origin = originOf(request);
  if (!cache) return handler(db, url, origin);
  // Read before the handler's reads: what they see is at least this generation, never older.
  const generation = peekPublicGeneration() ?? (await getPublicGeneration({ db }));
  const cacheKey = `${origin}${url.pathname}${url.search}`;
  const kept = cache.get(generation, cacheKey);
  if (kept) return kept;
  const value = await handler(db, url, origin);
  if (!(value instanceof Response)) cache.set(generation, cacheKey, value);
  return value;
}

function dateParam(params: URLSearchParams, name: string): Date | undefined {
  const raw = params.get(name);
  if (raw === null) return undefined;
  const d = new Date(raw);
  const ymd = /^(\d{4})-(\d{2})-(\d{2})/.exec(raw);
  if (!ymd || Number.isNaN(d.getTime())) throw new BadParameter(name, `${name} must be an ISO 8601 date or date-time, like 2026-03-14T09:00:00Z.`);
  // A day the calendar does not have (2026-02-30) is refused, not rolled over into the next month.
  const [y, m, day] = [Number(ymd[1]), Number(ymd[2]), Number(ymd[3])];
  const calendar = new Date(Date.UTC(y, m - 1, day));
  if (calendar.getUTCMonth() !== m - 1 || calendar.getUTCDate() !== day) throw new BadParameter(name, `${name} names a day that does not exist: ${ymd[0]}.`);
  return d;
}

/** The filters as SQL; null when one names something that has no public content (an empty page). */
async function articleFilters(db: Tx, params: URLSearchParams): Promise<SQL[] | null> {
  const where: SQL[] = [];
  const since = dateParam(params, "updated_since");
  if (since) where.push(updatedSince(since));
  const tag = params.get("tag");
  if (tag !== null) {
    const row = await getPublicTagBySlug({ db, slug: tag });
    if (!row) return null;
    where.push(withTag(row.id));
  }
  const section = params.get("section");
  if (section !== null) where.push(inSection(section));
  const author = params.get("author");
  if (author !== null) {
    const row = await getAuthorBySlug({ db, slug: author });
    if (!row) return null;
    where.push(byAuthor(row.userId));
  }
  return where;
}

export const listArticles: Handler = async (db, url, origin) => {
  const params = url.searchParams;
  const limit = limitParam(params);
  const cursor = decodeCursor(params, ["p", "i"] as const);
  const filters = await articleFilters(db, params);
  if (!filters) return jsonBody({ data: [], next_cursor: null });
  if (cursor) {
    const publishedAt = new Date(cursor.p);
    if (Number.isNaN(publishedAt.getTime()) || !/^[0-9a-f-]{36}$/.test(cursor.i)) throw new BadParameter("cursor", "cursor is not one this API returned.");
    filters.push(afterArticle({ publishedAt, id: cursor.i }));
  }
  const rows = await listFeedArticles({ db, where: filters.length ? and(...filters) : undefined, limit: limit + 1 });
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  const next = rows.length > limit && last?.firstPublishedAt ? encodeCursor({ p: last.firstPublishedAt.toISOString(), i: last.id }) : null;
  const data = page.map((r) => articleSummaryJson(origin, { ...r, section: { name: r.sectionName, slug: r.sectionSlug } }, r.authors));
  return jsonBody({ data, next_cursor: next });
};

/** `slug` as slugParam read it from the path: null (malformed) is a 404 like an unknown one. */
export function getArticle(slug: string | null): Handler {
  return async (db, _url, origin) => {
    const a = slug ? await getPublishedArticleBySlug({ db, slug }) : undefined;
    if (!a) {
      const moved = slug ? await findSlugRedirect({ db, oldSlug: slug }) : undefined;
      if (moved) return new Response(null, { status: 308, headers: { ...CORS_HEADERS, location: `/api/v1/articles/${encodeURIComponent(moved)}` } });
      return apiError(404, "not_found", "No published article has this slug.");
    }
    const [bylines, corrections] = await Promise.all([getBylines({ db, articleIds: [a.id] }), getCorrections({ db, articleId: a.id })]);
    const r = a.revision;
    const summary = articleSummaryJson(origin, { ...a, ...r, section: a.section }, bylines);
    const seo = r.seo;
    const data = {
      ...summary,
      highlights: r.highlights,
      body: publicBody(r.body),
      corrections: corrections.map((c) => ({ note: c.note, created_at: isoDate(c.createdAt) })),
      seo: {
        title: seo.seoTitle || null,
        description: seo.metaDescription || null,
        social_title: seo.socialTitle || null,
        social_description: seo.socialDescription || null,
        social_image: seo.socialImage ? imageJson(origin, seo.socialImage) : null,
        canonical_url: seo.canonicalUrl || null,
      },
    };
    return jsonBody({ data });
  };
}

export const listAuthors: Handler = async (db, url, origin) => {
  const limit = limitParam(url.searchParams);
  const cursor = decodeCursor(url.searchParams, ["s"] as const);
  const rows = await listPublicAuthors({ db, after: cursor?.s, limit: limit + 1 });
  const page = rows.slice(0, limit);
  const next = rows.length > limit ? encodeCursor({ s: page.at(-1)!.slug }) : null;
  return jsonBody({ data: page.map((a) => authorJson(origin, a)), next_cursor: next });
};

export const listTags: Handler = async (db, url, origin) => {
  const limit = limitParam(url.searchParams);
  const cursor = decodeCursor(url.searchParams, ["s"] as const);
  const rows = await listPublicTags({ db, after: cursor?.s, limit: limit + 1 });
  const page = rows.slice(0, limit);
  const next = rows.length > limit ? encodeCursor({ s: page.at(-1)!.slug }) : null;
  return jsonBody({ data: page.map((t) => tagJson(origin, t)), next_cursor: next });
};

export const listSections: Handler = async (db, _url, origin) => {
  const rows = await listPublicSections({ db });
  return jsonBody({ data: rows.map((s) => ({ ...sectionJson(origin, s)!, position: s.position })), next_cursor: null });
};
