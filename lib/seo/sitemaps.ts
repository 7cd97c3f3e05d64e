import { js2xml } from "xml-js";
import { absolute } from "./site-url";
import { xmlSafe } from "./xml-text";

const declaration = { _attributes: { version: "1.0", encoding: "UTF-8" } };
const text = (value: string) => ({ _text: xmlSafe(value) });

/** sitemaps.org urlset, written by an XML library (xml-js escapes every text node). */
export function buildSitemap(origin: string, entries: { path: string; lastmod?: string | null }[]): string {
  return js2xml(
    {
      _declaration: declaration,
      urlset: {
        _attributes: { xmlns: "http://www.sitemaps.org/schemas/sitemap/0.9" },
        url: entries.map((e) => ({ loc: text(absolute(origin, e.path)), ...(e.lastmod ? { lastmod: text(e.lastmod) } : {}) })),
      },
    },
    { compact: true, spaces: 1 },
  );
}

/** Google News sitemap: articles first published in the last 48 hours. */
export function buildNewsSitemap(
  origin: string,
  publication: string,
  items: { slug: string; headline: string; language: string; firstPublishedAt: string | null }[],
): string {
  return js2xml(
    {
      _declaration: declaration,
      urlset: {
        _attributes: { xmlns: "http://www.sitemaps.org/schemas/sitemap/0.9", "xmlns:news": "http://www.google.com/schemas/sitemap-news/0.9" },
        url: items.map((i) => ({
          loc: text(absolute(origin, `/articles/${i.slug}`)),
          "news:news": {
            "news:publication": { "news:name": text(publication), "news:language": text(i.language.toLowerCase().split("-")[0]) },
            "news:publication_date": text(i.firstPublishedAt ?? ""),
            "news:title": text(i.headline),
          },
        })),
      },
    },
    { compact: true, spaces: 1 },
  );
}
