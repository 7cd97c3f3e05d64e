import { getFeed } from "@/lib/cache/public-data";
import { retryable } from "@/lib/http/retryable";
import { dictionaryFor } from "@/lib/i18n/dictionaries";
import { buildRssFeed, xmlResponse } from "@/lib/seo/feeds";
import { originOf } from "@/lib/seo/site-url";

export const dynamic = "force-dynamic";

async function handle(request: Request) {
  const feed = (await getFeed("site", ""))!;
  const dict = dictionaryFor(feed.language);
  const body = buildRssFeed({
    origin: originOf(request),
    path: "/feed.xml",
    link: "/",
    title: dict.siteFeedTitle,
    description: dict.siteTagline,
    language: feed.language,
    items: feed.items,
  });
  return xmlResponse(body, "application/rss+xml");
}

// A database fault answers 503 + Retry-After (feed readers and crawlers come back).
export const GET = retryable(handle);
