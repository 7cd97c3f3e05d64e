import { retryable } from "@/lib/http/retryable";
import { getNavSections, getSitemap } from "@/lib/cache/public-data";
import { xmlResponse } from "@/lib/seo/feeds";
import { buildSitemap } from "@/lib/seo/sitemaps";
import { originOf } from "@/lib/seo/site-url";

export const dynamic = "force-dynamic";

async function handle(request: Request) {
  const [{ articles, tags, authors }, sections] = await Promise.all([getSitemap(), getNavSections()]);
  const latest = articles[0]?.updatedAt ?? null;
  const body = buildSitemap(originOf(request), [
    { path: "/", lastmod: latest },
    ...articles.map((a) => ({ path: `/articles/${a.slug}`, lastmod: a.updatedAt })),
    ...sections.map((s) => ({ path: `/sections/${s.slug}` })),
    ...tags.map((slug) => ({ path: `/tags/${slug}` })),
    ...authors.map((slug) => ({ path: `/authors/${slug}` })),
  ]);
  return xmlResponse(body);
}

// A database fault answers 503 + Retry-After (feed readers and crawlers come back).
export const GET = retryable(handle);
