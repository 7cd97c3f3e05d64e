import { Window } from "happy-dom";
import { describe, expect, it } from "vitest";
import { xml2js, type Element } from "xml-js";

import { findInjected } from "@/e2e/corpus/dom-check";
import { XSS_PAYLOADS } from "@/e2e/corpus/xss-payloads";
import { fieldErrorsOf } from "@/lib/actions/result";
import { articleChangesSchema, articleFieldOf, LIMITS } from "@/lib/validations/article";
import { translateFieldErrors } from "@/lib/validations/messages";

import { cleanSeoFields, resolveArticleSeo, seoText } from "./article-seo";
import { buildRssFeed, type FeedItem } from "./feeds";
import { newsArticleJsonLd, serializeJsonLd } from "./json-ld";

const base = { headline: "Headline", dek: "Dek", featuredImage: { src: "/uploads/f.webp", alt: "Featured" } };

describe("resolveArticleSeo: each field falls back to the headline, dek or featured image", () => {
  // [fields, what goes out]
  const table: [string, Parameters<typeof resolveArticleSeo>[0], Partial<ReturnType<typeof resolveArticleSeo>>][] = [
    [
      "nothing set",
      { ...base, seo: {} },
      { title: "Headline", description: "Dek", socialTitle: "Headline", socialDescription: "Dek", image: base.featuredImage, canonicalUrl: null },
    ],
    ["no seo at all (older rows)", { ...base, seo: null }, { title: "Headline", description: "Dek", canonicalUrl: null }],
    ["SEO title only", { ...base, seo: { seoTitle: "Search title" } }, { title: "Search title", socialTitle: "Headline" }],
    ["blank texts count as unset", { ...base, seo: { seoTitle: "   ", metaDescription: "" } }, { title: "Headline", description: "Dek" }],
    [
      "meta description feeds the social description when that is empty",
      { ...base, seo: { metaDescription: "Meta" } },
      { description: "Meta", socialDescription: "Meta" },
    ],
    [
      "social fields set",
      { ...base, seo: { socialTitle: "Social", socialDescription: "Share me", socialImage: { src: "/uploads/s.webp", alt: "Social" } } },
      { title: "Headline", socialTitle: "Social", socialDescription: "Share me", image: { src: "/uploads/s.webp", alt: "Social" } },
    ],
    ["no images at all", { headline: "H", dek: "", featuredImage: null, seo: {} }, { image: null, description: "" }],
    ["canonical URL", { ...base, seo: { canonicalUrl: "https://origin.example/story" } }, { canonicalUrl: "https://origin.example/story" }],
    [
      "canonical URL with spaces, accents and an internationalised host, percent-encoded",
      { ...base, seo: { canonicalUrl: "https://café.example/dépêche 42?q=été" } },
      { canonicalUrl: "https://xn--caf-dma.example/d%C3%A9p%C3%AAche%2042?q=%C3%A9t%C3%A9" },
    ],
  ];
  it.each(table)("%s", (_name, input, expected) => {
    expect(resolveArticleSeo(input)).toMatchObject(expected);
  });
});

describe("cleanSeoFields and seoText", () => {
  it("stores trimmed texts and leaves empty ones out", () => {
    expect(cleanSeoFields({ seoTitle: "  T  ", metaDescription: "", socialImage: null, canonicalUrl: " https://a.example/x " })).toEqual({
      seoTitle: "T",
      canonicalUrl: "https://a.example/x",
    });
  });
  it("names each filled field for the diff", () => {
    expect(seoText({ seoTitle: "T", canonicalUrl: "https://a.example/" })).toBe("SEO title: T\nCanonical URL: https://a.example/");
    expect(seoText(undefined)).toBe("");
  });
});

describe("search and social fields validation", () => {
  const parse = (seo: unknown) => articleChangesSchema.safeParse({ seo });
  const errorsOf = (seo: unknown) => {
    const r = parse(seo);
    // The schema gives catalogue keys; the editor shows them in the interface language.
    return r.success ? {} : translateFieldErrors(fieldErrorsOf(r.error, articleFieldOf), "en");
  };

  it.each([
    "javascript:alert(1)",
    "JavaScript:alert(1)",
    " javascript:alert(1)",
    "data:text/html,<b>x</b>",
    "/articles/relative",
    "ftp://a.example/x",
    "http://",
  ])("refuses the canonical URL %j with a message at the field", (url) => {
    expect(errorsOf({ canonicalUrl: url })).toEqual({ "seo.canonicalUrl": ["The canonical URL must be an http:// or https:// address."] });
  });

  it.each(["https://origin.example/story", "http://origin.example/a?b=c#d", ""])("accepts the canonical URL %j", (url) => {
    expect(parse({ canonicalUrl: url }).success).toBe(true);
  });

  it("refuses oversize texts at their own field", () => {
    expect(errorsOf({ seoTitle: "x".repeat(LIMITS.seoTitle + 1) })).toEqual({ "seo.seoTitle": [`The SEO title is at most ${LIMITS.seoTitle} characters.`] });
    expect(errorsOf({ metaDescription: "x".repeat(LIMITS.metaDescription + 1) })).toHaveProperty("seo.metaDescription");
    expect(errorsOf({ socialTitle: "x".repeat(LIMITS.socialTitle + 1) })).toHaveProperty("seo.socialTitle");
    expect(errorsOf({ socialDescription: "x".repeat(LIMITS.socialDescription + 1) })).toHaveProperty("seo.socialDescription");
    expect(parse({ seoTitle: "x".repeat(LIMITS.seoTitle), metaDescription: "x".repeat(LIMITS.metaDescription) }).success).toBe(true);
  });

  it("requires the social image's alt text and an upload", () => {
    expect(errorsOf({ socialImage: { src: "/uploads/a.webp", alt: "  " } })).toEqual({ "seo.socialImage": ["The social image needs alt text."] });
    expect(errorsOf({ socialImage: { src: "https://elsewhere.example/a.png", alt: "A" } })).toEqual({
      "seo.socialImage": ["Choose the social image from the uploads."],
    });
    expect(errorsOf({ socialImage: { src: "/uploads/../secret", alt: "A" } })).toHaveProperty("seo.socialImage");
    expect(parse({ socialImage: { src: "/uploads/a.webp", alt: "A" } }).success).toBe(true);
    expect(parse({ socialImage: null }).success).toBe(true);
  });

  it("refuses unknown keys", () => {
    expect(parse({ seoTitle: "T", robots: "noindex" }).success).toBe(false);
  });
});

describe("hostile search and social fields where they are emitted", () => {
  const clean = (s: string) => s.toWellFormed().replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, "");

  it("JSON-LD: no payload can close the script element, and each parses back to the exact text", () => {
    for (const payload of XSS_PAYLOADS) {
      // A canonical URL is an http(s) address (the validator refuses anything else): the payload rides in its query.
      const canonicalUrl = `https://origin.example/?q=${payload}`;
      const seo = resolveArticleSeo({ headline: "H", dek: "D", seo: { seoTitle: payload, metaDescription: payload, canonicalUrl } });
      const json = serializeJsonLd(
        newsArticleJsonLd({
          url: "https://example.org/articles/a",
          headline: seo.title,
          description: seo.description,
          datePublished: "",
          dateModified: "",
          language: "fr",
          keywords: [],
          authors: [],
          publisher: { name: "Newsroom", url: "https://example.org/" },
          basedOn: seo.canonicalUrl,
        }),
      );
      expect(json).not.toMatch(/[<>]/);
      const back = JSON.parse(json) as { headline: string; description: string; isBasedOn: string };
      expect([back.headline, back.description]).toEqual([payload.trim(), payload.trim()]);
      // Percent-encoded, and the same address once parsed.
      expect(back.isBasedOn).toBe(new URL(canonicalUrl.trim()).href);
    }
  });

  it("RSS: an item's title is the exact SEO title and its description renders no element of the meta description", () => {
    const items = XSS_PAYLOADS.map(
      (payload, i) =>
        ({
          slug: `a-${i}`,
          headline: "Headline",
          dek: "Dek",
          bodyHtml: "<p>Body</p>",
          firstPublishedAt: "2030-01-01T00:00:00.000Z",
          publishedUpdatedAt: null,
          authors: [],
          tags: [],
          featuredImage: null,
          seo: { seoTitle: payload, metaDescription: payload, socialImage: { src: "/uploads/s.webp", alt: payload } },
        }) as unknown as FeedItem,
    );
    const xml = buildRssFeed({ origin: "https://example.org", path: "/feed.xml", link: "/", title: "T", description: "D", language: "fr", items });
    const root = xml2js(xml, { compact: false }) as Element;
    const all = (el: Element, name: string): Element[] => [...(el.name === name ? [el] : []), ...(el.elements ?? []).flatMap((c) => all(c, name))];
    const text = (el: Element | undefined) => (el?.elements ?? []).map((c) => c.cdata ?? c.text ?? "").join("");
    const found = all(root, "item");
    expect(found).toHaveLength(XSS_PAYLOADS.length);
    found.forEach((item, i) => {
      const want = clean(XSS_PAYLOADS[i].trim());
      expect(text(all(item, "title")[0])).toBe(want);
      const window = new Window();
      const doc = window.document as unknown as Document;
      doc.body.innerHTML = text(all(item, "description")[0]);
      expect(findInjected(doc.body)).toEqual([]);
      expect(doc.body.children.length).toBe(0);
      expect(doc.body.textContent).toBe(want);
      // The social image stands in for the missing featured image.
      expect(all(item, "enclosure")[0]?.attributes?.url).toBe("https://example.org/uploads/s.webp");
    });
  });
});
