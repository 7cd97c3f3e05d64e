/**
 * Sitemaps (the index, the pages and article files, the news sitemap) and, with them, the other
 * XML and script outputs built from plain-text fields: every payload of the XSS corpus comes back
 * as the exact text and never as an element; JSON-LD parses back to the same data and never lets
 * a payload out of its <script> element.
 */
import { Window } from "happy-dom";
import { describe, expect, it } from "vitest";
import { xml2js, type Element } from "xml-js";

import { XSS_PAYLOADS } from "@/e2e/corpus/xss-payloads";

import { newsArticleJsonLd, serializeJsonLd } from "./json-ld";
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

const clean = (s: string) => s.toWellFormed().replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, "");
const all = (el: Element, name: string): Element[] => [...(el.name === name ? [el] : []), ...(el.elements ?? []).flatMap((c) => all(c, name))];
const text = (el: Element | undefined) => (el?.elements ?? []).map((c) => c.cdata ?? c.text ?? "").join("");

describe("sitemaps and JSON-LD with the XSS corpus", () => {
  it("news sitemap titles are the exact text, with no element from a payload", async () => {
    const items = XSS_PAYLOADS.map((headline, i) => ({ slug: `a-${i}`, headline, language: "fr", firstPublishedAt: "2030-01-01T00:00:00.000Z" }));
    const root = xml2js(await buildNewsSitemap("https://example.org", "Newsroom <b>", items), { compact: false }) as Element;
    const titles = all(root, "news:title").map(text);
    expect(titles).toEqual(XSS_PAYLOADS.map(clean));
    const names = new Set(all(root, "urlset")[0].elements!.flatMap(collect));
    expect(
      [...names].filter(
        (n) => !["url", "loc", "news:news", "news:publication", "news:name", "news:language", "news:publication_date", "news:title"].includes(n),
      ),
    ).toEqual([]);
    expect(text(all(root, "news:name")[0])).toBe("Newsroom <b>");
  });

  it("sitemap locations stay on the site's origin, whatever the path", async () => {
    const root = xml2js(
      await buildSitemap(
        "https://example.org",
        XSS_PAYLOADS.map((p) => ({ path: `/articles/${encodeURIComponent(p)}` })),
      ),
      { compact: false },
    ) as Element;
    for (const loc of all(root, "loc").map(text)) expect(new URL(loc).origin).toBe("https://example.org");
  });

  it("JSON-LD parses back to the same data and keeps every payload inside its script element", () => {
    const data = newsArticleJsonLd({
      url: "https://example.org/articles/a",
      headline: XSS_PAYLOADS.join(" "),
      description: XSS_PAYLOADS.join(" "),
      datePublished: "2030-01-01T00:00:00.000Z",
      dateModified: "2030-01-01T00:00:00.000Z",
      language: "fr",
      keywords: [...XSS_PAYLOADS],
      authors: XSS_PAYLOADS.map((name) => ({ name, url: "https://example.org/authors/x" })),
      section: XSS_PAYLOADS[0],
      publisher: { name: "Newsroom", url: "https://example.org" },
    });
    const window = new Window();
    const doc = window.document;
    doc.body.innerHTML = `<script type="application/ld+json">${serializeJsonLd(data)}</script><p id="after">after</p>`;
    expect(doc.body.children.length).toBe(2);
    expect(JSON.parse(doc.querySelector("script")!.textContent ?? "")).toEqual(data);
  });
});

function collect(el: Element): string[] {
  return [el.name ?? "", ...(el.elements ?? []).flatMap((c) => (c.type === "element" ? collect(c) : []))].filter(Boolean);
}
