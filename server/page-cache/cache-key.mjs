// @ts-check
/**
 * Which requests the page cache may answer, and under which key. The key holds only what the
 * page depends on, so everything else a client can vary maps to the same entry and render.
 */
import { validHost, validProto } from "../../lib/seo/request-origin.mjs";
import { encodingClass } from "./encoding.mjs";
import { canonicalPublicUrl } from "./public-routes.mjs";

/** @param {string | string[] | undefined} v */
const one = (v) => (Array.isArray(v) ? v[0] : v);

/** The request headers `classify` puts in a key: a request rendering a page again must send the same (prime.mjs). */
export const KEYED_HEADERS = ["host", "x-forwarded-host", "x-forwarded-proto", "accept-encoding"];

/**
 * The cache key and the canonical URL to render, or null for a request the cache leaves to Next.
 * The key holds the origin pages build absolute URLs from (none when SITE_URL is set; malformed
 * forwarded headers ignored as the pages ignore them), the encoding class, and the canonical URL
 * (public-routes.mjs: one spelling of the path, only the parameters the page reads).
 * @param {import("node:http").IncomingMessage} req
 * @param {{ siteUrl?: string }} [options]
 * @returns {{ key: string; url: string } | null}
 */
export function classify(req, options = {}) {
  const method = req.method ?? "GET";
  if (method !== "GET" && method !== "HEAD") return null;
  const h = req.headers;
  // Client-side navigation fetches RSC payloads for the same URLs; server actions POST.
  if (h["rsc"] !== undefined || h["next-router-prefetch"] !== undefined || h["next-router-state-tree"] !== undefined || h["next-action"] !== undefined)
    return null;
  const raw = req.url ?? "/";
  const q = raw.indexOf("?");
  if (q !== -1 && /(?:^|&)_rsc=/.test(raw.slice(q + 1))) return null;
  const url = canonicalPublicUrl(raw);
  if (url === null) return null;
  const siteUrl = options.siteUrl ?? process.env.SITE_URL ?? "";
  // What lib/seo/request-origin.mjs builds origins from, after the same validation.
  const origin = siteUrl ? "" : `${validHost(h.host) ?? ""}|${validHost(one(h["x-forwarded-host"])) ?? ""}|${validProto(one(h["x-forwarded-proto"])) ?? ""}`;
  return { key: `${origin}|${encodingClass(h["accept-encoding"])}|${url}`, url };
}

/** @param {import("node:http").IncomingMessage} req @param {{ siteUrl?: string }} [options] */
export function cacheKey(req, options) {
  return classify(req, options)?.key ?? null;
}
