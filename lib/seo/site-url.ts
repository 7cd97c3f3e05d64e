import "server-only";

import { headers } from "next/headers";

import { requestOrigin } from "./request-origin.mjs";

/**
 * The public origin for canonical URLs, feeds and sitemaps: SITE_URL when set (production should
 * set it), otherwise the origin the request came in on (empty or malformed forwarded headers are
 * ignored: lib/seo/request-origin.mjs).
 */
export async function siteOrigin(): Promise<string> {
  if (process.env.SITE_URL) return process.env.SITE_URL.replace(/\/+$/, "");
  const h = await headers();
  return requestOrigin((name) => h.get(name));
}

export function originOf(request: Request): string {
  if (process.env.SITE_URL) return process.env.SITE_URL.replace(/\/+$/, "");
  let url: URL | null = null;
  try {
    url = new URL(request.url);
  } catch {
    url = null;
  }
  return requestOrigin((name) => request.headers.get(name), { host: url?.host, proto: url?.protocol.replace(":", "") });
}

export function absolute(origin: string, path: string): string {
  return new URL(path, `${origin}/`).toString();
}
