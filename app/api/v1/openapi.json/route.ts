import { CORS_HEADERS, preflight } from "@/lib/content-api/http";
import { openApiDocument } from "@/lib/content-api/openapi";
import { originOf } from "@/lib/seo/site-url";

export const dynamic = "force-dynamic";

/** The description itself needs no key: a client reads it before it has one. */
export function GET(request: Request) {
  return Response.json(openApiDocument(originOf(request)), { headers: { ...CORS_HEADERS, "cache-control": "public, max-age=300" } });
}

export const OPTIONS = preflight;
