import { getFeed, getSlugRedirect } from "@/lib/cache/public-data";
import { retryable } from "@/lib/http/retryable";
import { dictionaryFor } from "@/lib/i18n/dictionaries";
import { buildRssFeed, xmlResponse } from "@/lib/seo/feeds";
import { originOf } from "@/lib/seo/site-url";
import { slugParam } from "@/lib/seo/slug-param";

export const dynamic = "force-dynamic";

async function handle(request: Request, { params }: { params: Promise<{ slug: string }> }) {
  const slug = slugParam((await params).slug);
  const feed = slug ? await getFeed("tag", slug) : null;
  if (slug && !feed) {
    const target = await getSlugRedirect("tag", slug);
    if (target) return Response.redirect(new URL(`/tags/${target}/feed.xml`, originOf(request)), 308);
  }
  if (!slug || !feed || feed.items.length === 0) return new Response("Not found", { status: 404 });
  const dict = dictionaryFor(feed.language);
  const body = buildRssFeed({
    origin: originOf(request),
    path: `/tags/${slug}/feed.xml`,
    link: `/tags/${slug}`,
    title: `Newsroom — #${feed.title}`,
    description: dict.tagPageTitle(feed.title ?? slug),
    language: feed.language,
    items: feed.items,
  });
  return xmlResponse(body, "application/rss+xml");
}

// A database fault answers 503 + Retry-After (feed readers and crawlers come back).
export const GET = retryable(handle);
