import { getFeed } from "@/lib/cache/public-data";
import { siteLanguage } from "@/lib/i18n/site";
import { siteDictionary } from "@/lib/i18n/site";
import { buildRssFeed, xmlResponse } from "@/lib/seo/feeds";
import { originOf } from "@/lib/seo/site-url";

export const dynamic = "force-dynamic";

export async function GET(request: Request) {
  const feed = (await getFeed("site", ""))!;
  const dict = siteDictionary();
  const body = buildRssFeed({ origin: originOf(request), path: "/feed.xml", title: dict.siteFeedTitle, description: dict.siteTagline, language: siteLanguage(), items: feed.items });
  return xmlResponse(body, "application/rss+xml");
}
