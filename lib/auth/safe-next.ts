const FALLBACK = "/newsroom";
// Any control character, any Unicode space or line/paragraph separator, and backslashes (which
// browsers read as "/"): browsers drop or rewrite these, so "/<TAB>/evil.example" becomes
// "//evil.example", a link to another site. Also their percent-encoded forms.
const UNSAFE = /[\u0000-\u001F\u007F-\u009F\s\u2028\u2029\\]/u;
const UNSAFE_ENCODED = /%(?:[01][0-9a-f]|7f|5c|c2%[89][0-9a-f]|c2%a0|e2%80%a[89])/i;
// Parsing against a made-up origin: the value only counts if it stays on it.
const BASE = "http://newsroom.invalid";

/**
 * The page to return to after signing in: a path on this site, never another origin. The
 * value is resolved as a URL against the site's origin and must keep that origin; values with
 * control or whitespace characters (raw or percent-encoded) or backslashes are refused. Anything
 * refused gives /newsroom. The result is a normalised, encoded path, safe in a Location header.
 */
export function safeNext(value: unknown): string {
  if (typeof value !== "string" || value.length > 2000) return FALLBACK;
  if (!value.startsWith("/") || value.startsWith("//") || UNSAFE.test(value) || UNSAFE_ENCODED.test(value)) return FALLBACK;
  let url: URL;
  try {
    url = new URL(value, BASE);
  } catch {
    return FALLBACK;
  }
  if (url.origin !== BASE) return FALLBACK;
  const path = `${url.pathname}${url.search}${url.hash}`;
  // "/.//evil.example" normalises to "//evil.example": still a path here, another host in a browser.
  if (!path.startsWith("/") || path.startsWith("//") || path.startsWith("/\\")) return FALLBACK;
  return path;
}
