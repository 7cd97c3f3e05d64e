import { Feed } from "feed";

import type { listFeedArticles } from "@/db/queries/public";
import type { Jsonify } from "@/lib/cache/public-data";

import { resolveArticleSeo } from "./article-seo";
import { absolute } from "./site-url";
import { cdataSafe, htmlText, xmlSafe } from "./xml-text";

export type FeedItem = Omit<Jsonify<Awaited<ReturnType<typeof listFeedArticles>>[number]>, "authors"> & { authors: { name: string; slug: string }[] };

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
    const image = imageOf(origin, seo.image);
    feed.addItem({
      title: cdataSafe(seo.title),
      id: link,
      link,
      date: new Date(item.publishedUpdatedAt ?? item.firstPublishedAt ?? Date.now()),
      published: item.firstPublishedAt ? new Date(item.firstPublishedAt) : undefined,
      description: cdataSafe(htmlText(seo.description)),
      content: cdataSafe(item.bodyHtml),
      // The library writes an extension's objects with xml-js, which turns an array into repeated elements.
      extensions: [
        ...(item.authors.length
          ? [{ name: "dc:creator", objects: item.authors.map((a) => ({ _text: xmlSafe(a.name) })) as unknown as Record<string, unknown> }]
          : []),
        ...(image ? [image.media] : []),
      ],
      category: item.tags.map((t) => ({ name: xmlSafe(t.name), domain: absolute(origin, `/tags/${t.slug}`) })),
      ...(image ? { enclosure: image.enclosure } : {}),
    });
  }
  const xml = feed.rss2();
  return xml.includes("<media:content") ? xml.replace("<rss ", `<rss xmlns:media="${MEDIA_RSS}" `) : xml;
}

const MEDIA_RSS = "http://search.yahoo.com/mrss/";
const IMAGE_TYPES: Record<string, string> = {
  jpg: "image/jpeg",
  jpeg: "image/jpeg",
  png: "image/png",
  gif: "image/gif",
  webp: "image/webp",
  avif: "image/avif",
};

/**
 * An item's image for feed readers: an RSS <enclosure> (length 0: "when an enclosure's size cannot
 * be determined, a publisher should use a length of 0", RSS Advisory Board) and a Media RSS
 * <media:content> with the alt text as its description, which readers use for the item's picture.
 * Left out when the address does not say which image format it is (an enclosure needs a type).
 */
function imageOf(origin: string, image: { src: string; alt: string } | null) {
  if (!image) return null;
  const url = absolute(origin, image.src);
  const type = IMAGE_TYPES[new URL(url).pathname.split(".").pop()?.toLowerCase() ?? ""];
  if (!type) return null;
  const media = { _attributes: { url, medium: "image", type }, ...(image.alt ? { "media:description": { _text: xmlSafe(image.alt) } } : {}) };
  return { enclosure: { url, type, length: 0 }, media: { name: "media:content", objects: media as unknown as Record<string, unknown> } };
}

export function xmlResponse(body: string, type = "application/xml"): Response {
  return new Response(body, { headers: { "content-type": `${type}; charset=utf-8` } });
}
