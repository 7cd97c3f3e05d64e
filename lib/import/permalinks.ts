/**
 * The key under which an old address is stored and looked up: the path decoded, without its
 * trailing slash, lower case for ASCII-insensitive matches; the query is kept only for the
 * WordPress ids (`?p=`, `?page_id=`, `?cat=`, `?tag=`), which is what `/?p=123` needs.
 */
export function legacyPathKey(address: string): string | null {
  let url: URL;
  try {
    url = new URL(address, "http://old.invalid");
  } catch {
    return null;
  }
  const path = decodeURIComponentSafe(url.pathname).replace(/\/+$/, "") || "/";
  const kept = ["p", "page_id", "cat", "tag"].filter((k) => url.searchParams.get(k));
  const query = kept.map((k) => `${k}=${url.searchParams.get(k)}`).join("&");
  if (path === "/" && !query) return null;
  return (query ? `${path}?${query}` : path).toLowerCase();
}

/** decodeURIComponent that leaves a malformed escape (`%E0%A4%A`) as it is instead of throwing. */
export function decodeURIComponentSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
