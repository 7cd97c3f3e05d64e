import { Window } from "happy-dom";
import { describe, expect, it } from "vitest";
import { xml2js, type Element } from "xml-js";

import { findInjected } from "@/e2e/corpus/dom-check";
import { craftedBodies, XSS_PAYLOADS } from "@/e2e/corpus/xss-payloads";
import { docFromParagraphs, parseBody, renderBodyHtml } from "@/lib/rich-text/body";

import { buildRssFeed, type FeedItem } from "./feeds";

/** An HTML fragment parsed as a feed reader would before displaying it. */
function asHtml(fragment: string): Document {
  const window = new Window();
  const doc = window.document as unknown as Document;
  doc.body.innerHTML = fragment;
  return doc;
}

describe("RSS feed with hostile text", () => {
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
    const xml = buildRssFeed({ origin: "https://example.org", path: "/feed.xml", link: "/", title: "T", description: "D", language: "fr", items: [item] });
    // xml-js parses strictly enough to fail on a CDATA section ended early (and happy-dom's XML parser ignores CDATA).
    const doc = xml2js(xml, { compact: false }) as Element;
    const find = (el: Element, name: string): Element | undefined => (el.name === name ? el : el.elements?.map((c) => find(c, name)).find(Boolean));
    const text = (el: Element | undefined) => (el?.elements ?? []).map((c) => c.cdata ?? c.text ?? "").join("");
    const clean = nasty.replace("\u0001", "");
    const el = find(doc, "item")!;
    expect(text(find(el, "title"))).toBe(clean);
    // The description is HTML: the plain-text dek comes back as text once parsed as HTML.
    expect(asHtml(text(find(el, "description"))).body.textContent).toBe(clean);
    expect(text(find(el, "content:encoded"))).toBe(`<p>${clean}</p>`);
    expect(find(el, "script")).toBeUndefined();
  });
});

describe("RSS feed read by a feed reader", () => {
  /** Every item of a feed whose plain-text fields each hold one payload of the XSS corpus. */
  function corpusFeed() {
    const items = XSS_PAYLOADS.map((payload, i) => {
      // Bodies go through the real validator and renderer, as saved articles do.
      const crafted = craftedBodies("/uploads/a.webp")[i % 34];
      const parsed = parseBody(crafted?.doc);
      const doc = parsed.ok ? parsed.doc : docFromParagraphs([payload]);
      return {
        slug: `a-${i}`,
        headline: payload,
        dek: payload,
        bodyHtml: renderBodyHtml(doc),
        firstPublishedAt: "2030-01-01T00:00:00.000Z",
        publishedUpdatedAt: null,
        authors: [{ name: payload, slug: "x" }],
        tags: [{ name: payload, slug: "t" }],
        featuredImage: null,
      } as unknown as FeedItem;
    });
    const xml = buildRssFeed({ origin: "https://example.org", path: "/feed.xml", link: "/", title: "T", description: "D", language: "fr", items });
    const root = xml2js(xml, { compact: false }) as Element;
    const all = (el: Element, name: string): Element[] => [...(el.name === name ? [el] : []), ...(el.elements ?? []).flatMap((c) => all(c, name))];
    const text = (el: Element | undefined) => (el?.elements ?? []).map((c) => c.cdata ?? c.text ?? "").join("");
    return { items: all(root, "item"), text, all };
  }

  it("renders no element or attribute of any payload from a description or content:encoded", () => {
    const { items, text, all } = corpusFeed();
    expect(items).toHaveLength(XSS_PAYLOADS.length);
    const injected: string[] = [];
    items.forEach((item, i) => {
      for (const field of ["description", "content:encoded"]) {
        const html = asHtml(text(all(item, field)[0]));
        const found = findInjected(html.body);
        // Beyond the corpus's own checks: a payload's markup must not become any element at all.
        if (field === "description" && html.body.children.length > 0) found.push(`element <${html.body.children[0].tagName.toLowerCase()}>`);
        for (const f of found) injected.push(`item ${i} ${field}: ${f} (payload ${JSON.stringify(XSS_PAYLOADS[i]).slice(0, 60)})`);
      }
      // And the dek reads as the text the journalist typed.
      expect(asHtml(text(all(item, "description")[0])).body.textContent).toBe(
        XSS_PAYLOADS[i].toWellFormed().replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, ""),
      );
    });
    expect(injected).toEqual([]);
  });

  it("keeps titles, author names and categories as the exact plain text, never XML markup", () => {
    const { items, text, all } = corpusFeed();
    items.forEach((item, i) => {
      const clean = XSS_PAYLOADS[i].toWellFormed().replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, "");
      expect(text(all(item, "title")[0])).toBe(clean);
      expect(text(all(item, "dc:creator")[0])).toBe(clean);
      expect(text(all(item, "category")[0])).toBe(clean);
      // Only the elements RSS defines: no payload became an XML element of the feed.
      const names = new Set((item.elements ?? []).map((c) => c.name));
      expect(
        [...names].filter((n) => n && !["title", "link", "guid", "pubDate", "description", "content:encoded", "dc:creator", "category"].includes(n)),
      ).toEqual([]);
    });
  });
});

describe("RSS feed read by a validator", () => {
  const item = (authors: string[]) =>
    ({
      slug: "a",
      headline: "Titre",
      dek: "Chapô",
      bodyHtml: "<p>Texte</p>",
      firstPublishedAt: "2030-01-01T00:00:00.000Z",
      publishedUpdatedAt: null,
      authors: authors.map((name, i) => ({ name, slug: `a${i}` })),
      tags: [],
      featuredImage: null,
    }) as unknown as FeedItem;
  const parse = (xml: string) => {
    const root = xml2js(xml, { compact: false }) as Element;
    const all = (el: Element, name: string): Element[] => [...(el.name === name ? [el] : []), ...(el.elements ?? []).flatMap((c) => all(c, name))];
    const text = (el: Element) => (el.elements ?? []).map((c) => c.cdata ?? c.text ?? "").join("");
    return { root, all, text };
  };

  it("credits every co-author with its own dc:creator (declared namespace) and never puts a name in <author>", () => {
    const xml = buildRssFeed({
      origin: "https://example.org",
      path: "/feed.xml",
      link: "/",
      title: "T",
      description: "D",
      language: "fr",
      items: [item(["Claire Martin", "Yanis Haddad"])],
    });
    const { root, all, text } = parse(xml);
    expect(all(root, "author")).toEqual([]);
    expect(all(root, "dc:creator").map(text)).toEqual(["Claire Martin", "Yanis Haddad"]);
    expect(all(root, "rss")[0].attributes?.["xmlns:dc"]).toBe("http://purl.org/dc/elements/1.1/");
  });

  it("points the channel <link> at the page the feed follows", () => {
    const xml = buildRssFeed({
      origin: "https://example.org",
      path: "/tags/cyber/feed.xml",
      link: "/tags/cyber",
      title: "T",
      description: "D",
      language: "fr",
      items: [item(["A"])],
    });
    const { root, all, text } = parse(xml);
    const channel = all(root, "channel")[0];
    const link = (channel.elements ?? []).find((c) => c.name === "link")!;
    expect(text(link)).toBe("https://example.org/tags/cyber");
    expect(all(root, "atom:link")[0].attributes?.href).toBe("https://example.org/tags/cyber/feed.xml");
  });

  it("gives an item with an image an enclosure and a Media RSS media:content with its alt text (namespace declared); none without", () => {
    const withImage = (src: string, alt = "Un port la nuit") =>
      ({ ...item(["A"]), featuredImage: { src, alt, caption: "", credit: "" } }) as unknown as FeedItem;
    const xml = buildRssFeed({
      origin: "https://example.org",
      path: "/feed.xml",
      link: "/",
      title: "T",
      description: "D",
      language: "fr",
      items: [
        withImage("/uploads/abc-1600x900.webp"),
        withImage("https://cdn.example.net/photo.JPG", "<b>&</b>"),
        withImage("https://cdn.example.net/image?id=4"),
        item(["B"]),
      ],
    });
    const { root, all, text } = parse(xml);
    const items = all(root, "item");
    const enclosure = (i: number) => all(items[i], "enclosure")[0]?.attributes;
    const media = (i: number) => all(items[i], "media:content")[0];
    expect(enclosure(0)).toEqual({ url: "https://example.org/uploads/abc-1600x900.webp", type: "image/webp", length: "0" });
    expect(media(0).attributes).toEqual({ url: "https://example.org/uploads/abc-1600x900.webp", medium: "image", type: "image/webp" });
    expect(all(media(0), "media:description").map(text)).toEqual(["Un port la nuit"]);
    expect(enclosure(1)?.type).toBe("image/jpeg");
    expect(all(media(1), "media:description").map(text)).toEqual(["<b>&</b>"]);
    // No format in the address: no enclosure (its type would be a guess); no image: nothing.
    expect(enclosure(2)).toBeUndefined();
    expect(media(2)).toBeUndefined();
    expect(enclosure(3)).toBeUndefined();
    expect(all(root, "rss")[0].attributes?.["xmlns:media"]).toBe("http://search.yahoo.com/mrss/");
  });
});
