import { getNavSections, getSitemap, getSitemapArticleFiles, getSitemapArticles } from "@/lib/cache/public-data";
import { retryable } from "@/lib/http/retryable";
import { xmlResponse } from "@/lib/seo/feeds";
import { originOf } from "@/lib/seo/site-url";
import { buildSitemap, parseSitemapFile } from "@/lib/seo/sitemaps";

export const dynamic = "force-dynamic";

const notFound = () => new Response("Not found", { status: 404, headers: { "content-type": "text/plain; charset=utf-8" } });

async function handle(request: Request, { params }: { params: Promise<{ file: string }> }) {
  const file = parseSitemapFile((await params).file);
  if (!file) return notFound();
  const origin = originOf(request);
  if (file.kind === "articles") {
    const articles = await getSitemapArticles(file.file);
    if (articles.length === 0) return notFound();
    return xmlResponse(
      await buildSitemap(
        origin,
        articles.map((a) => ({ path: `/articles/${a.slug}`, lastmod: a.updatedAt })),
      ),
    );
  }
  const [{ tags, authors }, sections, files] = await Promise.all([getSitemap(), getNavSections(), getSitemapArticleFiles()]);
  const latest = files.reduce<string | null>((max, f) => (f.lastmod && (!max || f.lastmod > max) ? f.lastmod : max), null);
  return xmlResponse(
    await buildSitemap(origin, [
      { path: "/", lastmod: latest },
      ...sections.map((s) => ({ path: `/sections/${s.slug}` })),
      ...tags.map((slug) => ({ path: `/tags/${slug}` })),
      ...authors.map((slug) => ({ path: `/authors/${slug}` })),
    ]),
  );
}

// A database fault answers 503 + Retry-After (feed readers and crawlers come back).
export const GET = retryable(handle);
