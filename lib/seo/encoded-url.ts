/**
 * A user-typed http(s) address as validators expect it in HTML, JSON-LD and feeds: spaces and
 * non-ASCII characters percent-encoded, an internationalised host in punycode (WHATWG URL
 * serialisation). Null for anything that is not an absolute http(s) address.
 */
export function encodedUrl(value: string | null | undefined): string | null {
  if (!value) return null;
  try {
    const url = new URL(value.trim());
    return url.protocol === "http:" || url.protocol === "https:" ? url.href : null;
  } catch {
    return null;
  }
}
