import "server-only";

import { getDb, type Tx } from "@/db";
import { originOf } from "@/lib/seo/site-url";
import { slugParam } from "@/lib/seo/slug-param";

import { answerApi, getArticle, listArticles, listAuthors, listSections, listTags } from "./handlers";
import { apiError, CORS_HEADERS, preflight, toResponse, type ApiAnswer } from "./http";
import { openApiDocument } from "./openapi";

/*
 * The Content API's routes, in one table. Two doors lead here: Next's route files under
 * app/api/v1 (`next dev`, and any server without ours), and, in production, server/serve.mjs
 * itself through server/content-api-bridge.mjs (node.ts), which skips Next's route machinery
 * (about 2 ms a request here, 8 ms at p95) and sends kept answers gzipped once. Both call
 * `answerApiRequest`, so both answer alike.
 */

const PREFIX = "/api/v1/";
const LISTS = { articles: listArticles, authors: listAuthors, tags: listTags, sections: listSections } as const;

type Route = (db: Tx, request: Request) => Promise<ApiAnswer> | ApiAnswer;

/** The description itself needs no key: a client reads it before it has one. */
const openApi: Route = (_db, request) =>
  Response.json(openApiDocument(originOf(request)), { headers: { ...CORS_HEADERS, "cache-control": "public, max-age=300" } });

/** A path under /api/v1/ that names no route: a JSON error like the API's others (CORS included), not the site's HTML 404. */
const noRoute: Route = () => apiError(404, "not_found", "There is no such API route: see /api/v1/openapi.json for the routes.");

/**
 * The route for a path: null outside /api/v1/, and for a known route's path with a trailing
 * slash (Next redirects it to the path without); any other path under /api/v1/ gets noRoute.
 */
export function apiRoute(pathname: string): Route | null {
  const route = knownRoute(pathname);
  if (route || !pathname.startsWith(PREFIX)) return route;
  if (pathname.endsWith("/") && knownRoute(pathname.replace(/\/+$/, ""))) return null;
  return noRoute;
}

function knownRoute(pathname: string): Route | null {
  if (!pathname.startsWith(PREFIX)) return null;
  const parts = pathname.slice(PREFIX.length).split("/");
  if (parts.length === 1) {
    if (parts[0] === "openapi.json") return openApi;
    const list = LISTS[parts[0] as keyof typeof LISTS];
    return Object.hasOwn(LISTS, parts[0]) ? (db, request) => answerApi(db, request, list) : null;
  }
  if (parts.length === 2 && parts[0] === "articles" && parts[1] !== "") {
    const handler = getArticle(slugParam(parts[1]));
    return (db, request) => answerApi(db, request, handler);
  }
  return null;
}

/** The methods the API answers: GET (HEAD alike, without the body) and the CORS preflight. */
export const API_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/** The answer to a request on an API route's path (see apiRoute), for a method in API_METHODS. */
export async function answerApiRequest(route: Route, request: Request, db: () => Promise<Tx> = getDb): Promise<ApiAnswer> {
  if (request.method === "OPTIONS") return preflight();
  return route(await db(), request);
}

/** The fetch-style answer to a request under /api/v1: what Next's door sends (before its compression). */
export async function apiResponse(request: Request, db: () => Promise<Tx> = getDb): Promise<Response> {
  const route = apiRoute(new URL(request.url).pathname);
  if (!route) return new Response(null, { status: 404 });
  return toResponse(await answerApiRequest(route, request, db));
}

/** Each of app/api/v1's route files, for GET and OPTIONS: Next has matched the path, this table answers it. */
export function contentApiRoute(request: Request): Promise<Response> {
  return apiResponse(request);
}
