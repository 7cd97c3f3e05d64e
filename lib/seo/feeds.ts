import { Feed } from "feed";

import type { listFeedArticles } from "@/db/queries/public";
import type { Jsonify } from "@/lib/cache/public-data";

import { resolveArticleSeo } from "./article-seo";
import { absolute } from "./site-url";
import { cdataSafe, htmlText, xmlSafe } from "./xml-text";

export type FeedItem = Jsonify<Awaited<ReturnType<typeof listFeedArticles>>[number]> & { authors: { name: string; slug: string }[] };

/**
 * An RSS 2.0 feed built by the `feed` library (it escapes and wraps every text itself for XML).
 * Which elements are HTML: an item's <description> and <content:encoded> (readers render them);
 * titles, author names and categories are plain text (RSS Advisory Board: "titles should not
 * contain HTML"), so they go out as the exact text, XML-escaped only. The dek is plain text put
 * into an HTML element, hence escaped for HTML first; the body is already HTML,
 * rendered and sanitised by lib/rich-text.
 * Bylines go out as one `dc:creator` per author: RSS 2.0's <author> must hold an email address,
 * and readers credit only the first of several. The channel's <link> is the HTML page the feed
 * follows (the tag's or author's page, the home page for the site feed).
 */
export function buildRssFeed(opts: {
  origin: string;
  /** The feed's own path (atom:link rel=self). */
  path: string;
  /** The HTML page this feed follows. */
  link: string;
  title: string;
  description: string;
  language: string;
  items: FeedItem[];
}): string {
  const { origin } = opts;
  const updated = opts.items.reduce((max, i) => Math.max(max, Date.parse(i.publishedUpdatedAt ?? i.firstPublishedAt ?? "") || 0), 0);
  const feed = new Feed({
    id: absolute(origin, "/"),
    title: xmlSafe(opts.title),
    description: xmlSafe(opts.description),
    link: absolute(origin, opts.link),
    language: opts.language,
    updated: updated ? new Date(updated) : undefined,
    feedLinks: { rss: absolute(origin, opts.path) },
    copyright: `© ${new Date().getFullYear()} Newsroom`,
    generator: "Newsroom",
  });
  for (const item of opts.items) {
    const link = absolute(origin, `/articles/${item.slug}`);
    // Feed readers show an item like a search result: the SEO title and meta description when set.
    const seo = resolveArticleSeo(item);
    feed.addItem({
      title: cdataSafe(seo.title),
      id: link,
      link,
      date: new Date(item.publishedUpdatedAt ?? item.firstPublishedAt ?? Date.now()),
      published: item.firstPublishedAt ? new Date(item.firstPublishedAt) : undefined,
      description: cdataSafe(htmlText(seo.description)),
      content: cdataSafe(item.bodyHtml),
      // The library writes an extension's objects with xml-js, which turns an array into repeated elements.
      extensions: item.authors.length
        ? [{ name: "dc:creator", objects: item.authors.map((a) => ({ _text: xmlSafe(a.name) })) as unknown as Record<string, unknown> }]
        : [],
      category: item.tags.map((t) => ({ name: xmlSafe(t.name), domain: absolute(origin, `/tags/${t.slug}`) })),
      ...(seo.image ? { image: absolute(origin, seo.image.src) } : {}),
    });
  }
  return feed.rss2();
}

export function xmlResponse(body: string, type = "application/xml"): Response {
  return new Response(body, { headers: { "content-type": `${type}; charset=utf-8` } });
}
