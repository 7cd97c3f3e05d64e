import { getSitemapArticleFiles } from "@/lib/cache/public-data";
import { retryable } from "@/lib/http/retryable";
import { xmlResponse } from "@/lib/seo/feeds";
import { originOf } from "@/lib/seo/site-url";
import { buildSitemapIndex } from "@/lib/seo/sitemaps";

export const dynamic = "force-dynamic";

/** A sitemap index: the pages file (front, sections, tags, authors) and one file per 10,000 articles. */
async function handle(request: Request) {
  const files = await getSitemapArticleFiles();
  const latest = files.reduce<string | null>((max, f) => (f.lastmod && (!max || f.lastmod > max) ? f.lastmod : max), null);
  const body = await buildSitemapIndex(originOf(request), [
    { path: "/sitemaps/pages.xml", lastmod: latest },
    ...files.map((f) => ({ path: `/sitemaps/articles-${f.file + 1}.xml`, lastmod: f.lastmod })),
  ]);
  return xmlResponse(body);
}

// A database fault answers 503 + Retry-After (feed readers and crawlers come back).
export const GET = retryable(handle);
