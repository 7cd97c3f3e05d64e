// @ts-check
/**
 * One URL path segment as the app reads it: percent-decoded and NFC-normalised, or null when it
 * cannot be decoded. Shared by the pages' slug check (slug-param.ts) and the page cache's
 * canonical URLs (server/page-cache/public-routes.mjs), so every spelling of a slug that renders
 * one page is also one cache entry. Plain JavaScript: the server loads the cache unbundled.
 * @param {string} raw
 * @returns {string | null}
 */
export function decodePathSegment(raw) {
  let value = raw;
  if (value.includes("%")) {
    try {
      value = decodeURIComponent(value);
    } catch {
      return null;
    }
  }
  return value.normalize("NFC");
}
