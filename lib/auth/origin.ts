import "server-only";
import { headers } from "next/headers";

/** The public origin for links in mail: APP_URL or AUTH_URL when set, else the request's host. */
export async function appOrigin(): Promise<string> {
  const configured = process.env.APP_URL || process.env.AUTH_URL;
  if (configured) return new URL(configured).origin;
  const h = await headers();
  const host = h.get("x-forwarded-host") || h.get("host") || "localhost:3000";
  const proto = h.get("x-forwarded-proto") || (host.startsWith("localhost") || host.startsWith("127.") ? "http" : "https");
  return `${proto}://${host}`;
}
