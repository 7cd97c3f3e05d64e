import { getNewsSitemap } from "@/lib/cache/public-data";
import { retryable } from "@/lib/http/retryable";
import { xmlResponse } from "@/lib/seo/feeds";
import { originOf } from "@/lib/seo/site-url";
import { buildNewsSitemap } from "@/lib/seo/sitemaps";

export const dynamic = "force-dynamic";

const WINDOW_MS = 48 * 3_600_000;

async function handle(request: Request) {
  // The window start is rounded to the minute so that one cache entry serves a whole minute.
  const since = new Date(Math.floor((Date.now() - WINDOW_MS) / 60_000) * 60_000).toISOString();
  const items = await getNewsSitemap(since);
  return xmlResponse(await buildNewsSitemap(originOf(request), "Newsroom", items));
}

// A database fault answers 503 + Retry-After (feed readers and crawlers come back).
export const GET = retryable(handle);
