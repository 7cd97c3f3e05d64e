import { getFeed, getSlugRedirect } from "@/lib/cache/public-data";
import { retryable } from "@/lib/http/retryable";
import { buildRssFeed, xmlResponse } from "@/lib/seo/feeds";
import { originOf } from "@/lib/seo/site-url";
import { slugParam } from "@/lib/seo/slug-param";

export const dynamic = "force-dynamic";

async function handle(request: Request, { params }: { params: Promise<{ slug: string }> }) {
  const slug = slugParam((await params).slug);
  const feed = slug ? await getFeed("author", slug) : null;
  if (slug && !feed) {
    const target = await getSlugRedirect("author", slug);
    if (target) return Response.redirect(new URL(`/authors/${target}/feed.xml`, originOf(request)), 308);
  }
  if (!slug || !feed) return new Response("Not found", { status: 404 });
  const body = buildRssFeed({
    origin: originOf(request),
    path: `/authors/${slug}/feed.xml`,
    link: `/authors/${slug}`,
    title: `Newsroom — ${feed.title}`,
    description: feed.title ?? slug,
    language: feed.language,
    items: feed.items,
  });
  return xmlResponse(body, "application/rss+xml");
}

// A database fault answers 503 + Retry-After (feed readers and crawlers come back).
export const GET = retryable(handle);
