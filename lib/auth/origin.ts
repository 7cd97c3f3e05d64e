import "server-only";

import { headers } from "next/headers";

import { requestOrigin } from "@/lib/seo/request-origin.mjs";

/** The public origin for links in mail: APP_URL or AUTH_URL when set, else the request's host (validated). */
export async function appOrigin(): Promise<string> {
  const configured = process.env.APP_URL || process.env.AUTH_URL;
  if (configured) return new URL(configured).origin;
  const h = await headers();
  return requestOrigin((name) => h.get(name));
}
