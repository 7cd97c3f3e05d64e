// @ts-check
/**
 * The one list of public routes whose GET answers are the same for every reader, with the query
 * parameters each of them reads (app/(public)/: `page` on the lists through parsePage, `q` and
 * `page` on search). The page cache (page-cache.mjs) keys on, and hands Next, only the canonical
 * form of a request to these routes: any other parameter (utm_source, cache busters, junk) is
 * dropped, so it can neither make a new render nor a new cache entry. A page that starts reading
 * a new parameter must add it here, or it will never see it.
 *
 * A route is a list of path segments: a string is literal, SLUG is one [slug] segment.
 */
import { boundedMemo } from "../../lib/bounded-memo.mjs";
import { decodePathSegment } from "../../lib/seo/path-segment.mjs";

export const SLUG = Symbol("slug");

/** @type {ReadonlyArray<{ segments: ReadonlyArray<string | typeof SLUG>; params: ReadonlyArray<string> }>} */
export const PUBLIC_ROUTES = [
  { segments: [], params: [] }, // front page
  { segments: ["articles", SLUG], params: [] },
  { segments: ["authors", SLUG], params: ["page"] },
  { segments: ["authors", SLUG, "feed.xml"], params: [] },
  { segments: ["tags", SLUG], params: ["page"] },
  { segments: ["tags", SLUG, "feed.xml"], params: [] },
  { segments: ["sections", SLUG], params: ["page"] },
  { segments: ["search"], params: ["q", "page"] },
  { segments: ["feed.xml"], params: [] },
  { segments: ["sitemap.xml"], params: [] },
  { segments: ["sitemaps", SLUG], params: [] }, // pages.xml, articles-N.xml (the route answers 404 to other names)
  { segments: ["news-sitemap.xml"], params: [] },
  { segments: ["robots.txt"], params: [] },
];

/** Longest value kept for a parameter (the search box allows 200 characters). */
const MAX_PARAM_LENGTH = 400;

/**
 * One path segment in its canonical form: percent-decoded, NFC, re-encoded the one way
 * encodeURIComponent does (Next decodes the segment and the pages NFC-normalise slugs, so every
 * spelling of a slug renders the same page). Null when it cannot be decoded.
 * @param {string} raw
 */
function canonicalSegment(raw) {
  // The common case, a plain slug, is already canonical.
  if (/^[a-z0-9-]+$/.test(raw)) return raw;
  const value = decodePathSegment(raw);
  if (value === null || value === "" || value === "." || value === "..") return null;
  return encodeURIComponent(value);
}

/**
 * The canonical URL (path + kept query) of a public route, or null when the URL is not one.
 * Trailing slashes, empty segments (`//`) and anything else off the list are left to Next
 * (it redirects or answers 404 without rendering a page).
 * @param {string} url request target, e.g. "/search?q=chine&utm_source=x"
 * @returns {string | null}
 */
export function canonicalPublicUrl(url) {
  return canonicalOfRecent(url);
}

// Every request asks this two or three times (page cache, metrics, the render's own check): the
// answers for recent URLs are kept (a pure function of the URL). Readers ask for the same few
// hundred URLs; a flood of new ones only refills this.
const canonicalOfRecent = boundedMemo(canonicalOf, { maxEntries: 2048, maxKeyLength: 512 });

/** @param {string} url */
function canonicalOf(url) {
  if (!url.startsWith("/")) return null;
  const q = url.indexOf("?");
  const hash = url.indexOf("#");
  const pathEnd = q === -1 ? (hash === -1 ? url.length : hash) : q;
  const pathname = url.slice(0, pathEnd);
  const parts = pathname === "/" ? [] : pathname.slice(1).split("/");
  const route = PUBLIC_ROUTES.find((r) => r.segments.length === parts.length && r.segments.every((s, i) => s === SLUG || s === parts[i]));
  if (!route) return null;
  // `/?p=123`, `/?cat=4`: an imported WordPress site's old addresses. The front page answers them
  // with a redirect (app/(public)/page.tsx), so they are left to Next, uncached.
  if (parts.length === 0 && q !== -1 && hasLegacyParam(url.slice(q + 1, hash > q ? hash : undefined))) return null;
  /** @type {string[]} */
  const segments = [];
  for (let i = 0; i < parts.length; i++) {
    if (route.segments[i] !== SLUG) {
      segments.push(parts[i]);
      continue;
    }
    const seg = canonicalSegment(parts[i]);
    if (seg === null) return null;
    segments.push(seg);
  }
  let query = "";
  if (q !== -1 && route.params.length > 0) {
    const search = new URLSearchParams(url.slice(q + 1, hash > q ? hash : undefined));
    const kept = new URLSearchParams();
    for (const name of route.params) {
      // Pages read the first value of a repeated parameter (search) or refuse arrays (page: 404);
      // the first one is what decides, so it is all that is kept.
      const value = search.get(name);
      if (value === null) continue;
      if (value.length > MAX_PARAM_LENGTH) return null;
      if (name === "page" && value === "1") continue; // page 1 is the page without the parameter
      kept.set(name, value);
    }
    query = kept.size > 0 ? `?${kept.toString()}` : "";
  }
  return `/${segments.join("/")}${query}`;
}

/** The WordPress query parameters of old addresses the front page redirects (lib/import/redirects.ts). */
export const LEGACY_FRONT_PAGE_PARAMS = ["p", "page_id", "cat", "tag"];

/** @param {string} query */
function hasLegacyParam(query) {
  const search = new URLSearchParams(query);
  return LEGACY_FRONT_PAGE_PARAMS.some((name) => search.has(name));
}

/**
 * `/_next/data/<build>/….json` is the Pages Router's data route. This app has no Pages Router,
 * yet Next answers it by rendering the App Router page (the home page for index.json), outside
 * the page cache and as often as asked: the server refuses it (404) before Next sees it.
 * @param {string | undefined} url
 */
export function isNextDataRequest(url) {
  return /^\/+_next\/data(?:\/|$)/i.test(url ?? "");
}

/**
 * A path whose percent-encoding cannot be decoded (`/articles/%`, `/%E9`): the client's mistake,
 * answered 400 before Next, which would fail on it with a 500.
 * @param {string | undefined} url
 */
export function hasMalformedPath(url) {
  const pathname = (url ?? "").split("?", 1)[0];
  if (!pathname.includes("%")) return false; // the common case: nothing to decode
  try {
    decodeURIComponent(pathname);
    return false;
  } catch {
    return true;
  }
}
