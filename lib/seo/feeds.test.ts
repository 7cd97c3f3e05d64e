import { xml2js, type Element } from "xml-js";
import { describe, expect, it } from "vitest";
import { buildRssFeed, type FeedItem } from "./feeds";

describe("RSS feed with hostile text (issue 8)", () => {
  it("stays well-formed XML and gives back the exact text when a headline, dek or body contains ]]>", () => {
    const nasty = "]]><script>__xss()</script><![CDATA[ & </title> --> ]]> ]]]]> \u0001 ]]>";
    const item = {
      slug: "a",
      headline: nasty,
      dek: nasty,
      bodyHtml: `<p>${nasty}</p>`,
      firstPublishedAt: "2030-01-01T00:00:00.000Z",
      publishedUpdatedAt: null,
      authors: [{ name: nasty, slug: "x" }],
      tags: [{ name: nasty, slug: "t" }],
      featuredImage: null,
    } as unknown as FeedItem;
    const xml = buildRssFeed({ origin: "https://example.org", path: "/feed.xml", title: "T", description: "D", language: "fr", items: [item] });
    // xml-js parses strictly enough to fail on a CDATA section ended early (and happy-dom's XML parser ignores CDATA).
    const doc = xml2js(xml, { compact: false }) as Element;
    const find = (el: Element, name: string): Element | undefined => (el.name === name ? el : el.elements?.map((c) => find(c, name)).find(Boolean));
    const text = (el: Element | undefined) => (el?.elements ?? []).map((c) => c.cdata ?? c.text ?? "").join("");
    const clean = nasty.replace("\u0001", "");
    const el = find(doc, "item")!;
    expect(text(find(el, "title"))).toBe(clean);
    expect(text(find(el, "description"))).toBe(clean);
    expect(text(find(el, "content:encoded"))).toBe(`<p>${clean}</p>`);
    expect(find(el, "script")).toBeUndefined();
  });
});
