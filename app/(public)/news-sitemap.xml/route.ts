import { getNewsSitemap } from "@/lib/cache/public-data";
import { xmlResponse } from "@/lib/seo/feeds";
import { buildNewsSitemap } from "@/lib/seo/sitemaps";
import { originOf } from "@/lib/seo/site-url";

export const dynamic = "force-dynamic";

const WINDOW_MS = 48 * 3_600_000;

export async function GET(request: Request) {
  // The window start is rounded to the minute so that one cache entry serves a whole minute.
  const since = new Date(Math.floor((Date.now() - WINDOW_MS) / 60_000) * 60_000).toISOString();
  const items = await getNewsSitemap(since);
  return xmlResponse(buildNewsSitemap(originOf(request), "Newsroom", items));
}
