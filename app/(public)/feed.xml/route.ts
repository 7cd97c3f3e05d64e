import { retryable } from "@/lib/http/retryable";
import { getFeed } from "@/lib/cache/public-data";
import { siteLanguage } from "@/lib/i18n/site";
import { siteDictionary } from "@/lib/i18n/site";
import { buildRssFeed, xmlResponse } from "@/lib/seo/feeds";
import { originOf } from "@/lib/seo/site-url";

export const dynamic = "force-dynamic";

async function handle(request: Request) {
  const feed = (await getFeed("site", ""))!;
  const dict = siteDictionary();
  const body = buildRssFeed({ origin: originOf(request), path: "/feed.xml", title: dict.siteFeedTitle, description: dict.siteTagline, language: siteLanguage(), items: feed.items });
  return xmlResponse(body, "application/rss+xml");
}

// A database fault answers 503 + Retry-After (feed readers and crawlers come back).
export const GET = retryable(handle);
