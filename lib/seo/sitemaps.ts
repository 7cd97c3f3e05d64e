import { SitemapIndexStream, SitemapStream, streamToPromise, type SitemapItemLoose } from "sitemap";

import { absolute } from "./site-url";
import { xmlSafe } from "./xml-text";

/**
 * Articles per sitemap file. The protocol allows 50,000 URLs per file; a smaller file keeps each
 * render cheap and each page-cache entry small, and the index lists as many files as needed.
 */
export const ARTICLES_PER_SITEMAP = 10_000;

export type SitemapEntry = { path: string; lastmod?: string | null };

const plain = { news: false, xhtml: false, image: false, video: false };
const URLSET_OPEN = '<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"';

/** The sitemap library refuses to end a stream nothing was written to: an empty set is written here. */
async function render(stream: SitemapStream | SitemapIndexStream, items: SitemapItemLoose[], empty: string): Promise<string> {
  if (items.length === 0) return empty;
  for (const item of items) stream.write(item);
  stream.end();
  return (await streamToPromise(stream)).toString("utf8");
}

const item = (origin: string, e: SitemapEntry): SitemapItemLoose => ({ url: absolute(origin, e.path), ...(e.lastmod ? { lastmod: e.lastmod } : {}) });

/** sitemaps.org urlset, written by the `sitemap` library (it escapes every text and URL). */
export function buildSitemap(origin: string, entries: SitemapEntry[]): Promise<string> {
  return render(
    new SitemapStream({ xmlns: plain }),
    entries.map((e) => item(origin, e)),
    `${URLSET_OPEN}></urlset>`,
  );
}

/** The sitemap index that /sitemap.xml answers: one line per sitemap file. */
export function buildSitemapIndex(origin: string, files: SitemapEntry[]): Promise<string> {
  return render(
    new SitemapIndexStream(),
    files.map((f) => item(origin, f)),
    '<?xml version="1.0" encoding="UTF-8"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"></sitemapindex>',
  );
}

/** Google News sitemap: articles first published in the last 48 hours. */
export function buildNewsSitemap(
  origin: string,
  publication: string,
  items: { slug: string; headline: string; language: string; firstPublishedAt: string | null }[],
): Promise<string> {
  return render(
    new SitemapStream({ xmlns: { ...plain, news: true } }),
    items.map((i) => ({
      url: absolute(origin, `/articles/${i.slug}`),
      news: {
        publication: { name: xmlSafe(publication), language: i.language.toLowerCase().split("-")[0] },
        publication_date: i.firstPublishedAt ?? "",
        title: xmlSafe(i.headline),
      },
    })),
    `${URLSET_OPEN} xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"></urlset>`,
  );
}

/** Sitemap file names under /sitemaps/: `pages.xml`, then `articles-1.xml`, `articles-2.xml`, … */
export function parseSitemapFile(name: string): { kind: "pages" } | { kind: "articles"; file: number } | null {
  if (name === "pages.xml") return { kind: "pages" };
  const m = /^articles-([1-9]\d{0,5})\.xml$/.exec(name);
  return m ? { kind: "articles", file: Number(m[1]) - 1 } : null;
}
