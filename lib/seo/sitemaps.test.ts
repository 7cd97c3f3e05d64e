/**
 * Issue 19, class of finding 12: the other XML and script outputs built from plain-text fields.
 * Sitemaps are XML, not HTML-in-XML (their titles are plain text): every payload of the XSS corpus
 * must come back as the exact text and never as an element. JSON-LD must parse back to the same
 * data and never let a payload out of its <script> element.
 */
import { Window } from "happy-dom";
import { xml2js, type Element } from "xml-js";
import { describe, expect, it } from "vitest";
import { XSS_PAYLOADS } from "@/e2e/corpus/xss-payloads";
import { newsArticleJsonLd, serializeJsonLd } from "./json-ld";
import { buildNewsSitemap, buildSitemap } from "./sitemaps";

const clean = (s: string) => s.toWellFormed().replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, "");
const all = (el: Element, name: string): Element[] => [...(el.name === name ? [el] : []), ...(el.elements ?? []).flatMap((c) => all(c, name))];
const text = (el: Element | undefined) => (el?.elements ?? []).map((c) => c.cdata ?? c.text ?? "").join("");

describe("sitemaps and JSON-LD with the XSS corpus (issue 19)", () => {
  it("news sitemap titles are the exact text, with no element from a payload", () => {
    const items = XSS_PAYLOADS.map((headline, i) => ({ slug: `a-${i}`, headline, language: "fr", firstPublishedAt: "2030-01-01T00:00:00.000Z" }));
    const root = xml2js(buildNewsSitemap("https://example.org", "Newsroom <b>", items), { compact: false }) as Element;
    const titles = all(root, "news:title").map(text);
    expect(titles).toEqual(XSS_PAYLOADS.map(clean));
    const names = new Set(all(root, "urlset")[0].elements!.flatMap(collect));
    expect([...names].filter((n) => !["url", "loc", "news:news", "news:publication", "news:name", "news:language", "news:publication_date", "news:title"].includes(n))).toEqual([]);
    expect(text(all(root, "news:name")[0])).toBe("Newsroom <b>");
  });

  it("sitemap locations stay on the site's origin, whatever the path", () => {
    const root = xml2js(buildSitemap("https://example.org", XSS_PAYLOADS.map((p) => ({ path: `/articles/${encodeURIComponent(p)}` }))), { compact: false }) as Element;
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
