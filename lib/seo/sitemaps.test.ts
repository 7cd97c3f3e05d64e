import { xml2js, type Element } from "xml-js";
import { describe, expect, it } from "vitest";
import { buildNewsSitemap, buildSitemap, buildSitemapIndex, parseSitemapFile } from "./sitemaps";

const origin = "https://news.example.org";
const texts = (xml: string, name: string): string[] => {
  const out: string[] = [];
  const walk = (e: Element) => {
    if (e.name === name) out.push((e.elements ?? []).map((c) => c.text ?? c.cdata ?? "").join(""));
    (e.elements ?? []).forEach(walk);
  };
  walk(xml2js(xml) as Element);
  return out;
};

describe("sitemaps", () => {
  it("write a urlset with absolute, escaped locations and lastmod", async () => {
    const xml = await buildSitemap(origin, [{ path: "/", lastmod: "2026-11-28T10:00:00.000Z" }, { path: "/tags/a&b<c" }]);
    expect(texts(xml, "loc")).toEqual([`${origin}/`, `${origin}/tags/a&b%3Cc`]);
    expect(texts(xml, "lastmod")).toEqual(["2026-11-28T10:00:00.000Z"]);
    expect(xml).toContain('<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"');
  });

  it("write an index of sitemap files, and empty sets as valid XML", async () => {
    const index = await buildSitemapIndex(origin, [{ path: "/sitemaps/pages.xml" }, { path: "/sitemaps/articles-1.xml", lastmod: "2026-11-28T10:00:00.000Z" }]);
    expect(texts(index, "loc")).toEqual([`${origin}/sitemaps/pages.xml`, `${origin}/sitemaps/articles-1.xml`]);
    expect(texts(await buildSitemapIndex(origin, []), "loc")).toEqual([]);
    expect(texts(await buildSitemap(origin, []), "loc")).toEqual([]);
    expect(texts(await buildNewsSitemap(origin, "Newsroom", []), "loc")).toEqual([]);
  });

  it("keep a news title's markup and control characters out of the XML", async () => {
    const xml = await buildNewsSitemap(origin, "Newsroom", [
      { slug: "la-chine", headline: "« Chine » ]]> <script>alert(1)</script>\u0007", language: "fr-FR", firstPublishedAt: "2026-11-28T10:00:00.000Z" },
    ]);
    expect(texts(xml, "news:title")).toEqual(["« Chine » ]]> <script>alert(1)</script>"]);
    expect(texts(xml, "news:language")).toEqual(["fr"]);
    expect(xml).not.toContain("<script>");
  });

  it("name the files pages.xml and articles-N.xml, nothing else", () => {
    expect(parseSitemapFile("pages.xml")).toEqual({ kind: "pages" });
    expect(parseSitemapFile("articles-1.xml")).toEqual({ kind: "articles", file: 0 });
    expect(parseSitemapFile("articles-12.xml")).toEqual({ kind: "articles", file: 11 });
    for (const bad of ["articles-0.xml", "articles-01.xml", "articles-1.xml.gz", "../pages.xml", "articles-1234567.xml", "other.xml"]) {
      expect(parseSitemapFile(bad)).toBeNull();
    }
  });
});
