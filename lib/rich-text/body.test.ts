import { describe, expect, it } from "vitest";

import { docFromParagraphs, parseBody, renderBodyHtml, TOO_DEEP, wordCount } from "./body";

const link = (href: string) => ({
  type: "doc",
  content: [{ type: "paragraph", content: [{ type: "text", text: "x", marks: [{ type: "link", attrs: { href } }] }] }],
});

describe("article body", () => {
  it("round-trips French typography and renders it escaped", () => {
    const doc = docFromParagraphs(["L’ANSSI « alerte » sur <script>alert(1)</script> 🇫🇷 中文"]);
    const parsed = parseBody(doc);
    expect(parsed.ok).toBe(true);
    const html = renderBodyHtml(doc);
    expect(html).toContain("L’ANSSI « alerte »");
    expect(html).toContain("&lt;script&gt;");
    expect(html).not.toContain("<script>");
  });

  it("refuses unknown nodes and marks", () => {
    expect(parseBody({ type: "doc", content: [{ type: "iframe", attrs: { src: "x" } }] }).ok).toBe(false);
    expect(parseBody({ type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text: "a", marks: [{ type: "evil" }] }] }] }).ok).toBe(false);
  });

  it("drops attributes that are not allow-listed", () => {
    const r = parseBody({ type: "doc", content: [{ type: "paragraph", attrs: { onclick: "alert(1)" }, content: [{ type: "text", text: "a" }] }] });
    expect(r.ok && JSON.stringify(r.doc)).not.toContain("onclick");
  });

  it("allows only http, https and mailto links", () => {
    expect(parseBody(link("https://example.org")).ok).toBe(true);
    expect(parseBody(link("mailto:desk@example.org")).ok).toBe(true);
    expect(parseBody(link("javascript:alert(1)")).ok).toBe(false);
    expect(parseBody(link("data:text/html,hi")).ok).toBe(false);
    expect(parseBody(link(" JaVaScRiPt:alert(1)")).ok).toBe(false);
  });

  it("requires alt text on images and renders caption and credit", () => {
    const img = (alt: string) => ({ type: "doc", content: [{ type: "image", attrs: { src: "/uploads/a.webp", alt, caption: "Le port", credit: "AFP" } }] });
    expect(parseBody(img("")).ok).toBe(false);
    const html = renderBodyHtml(img("Un port") as never);
    expect(html).toContain('alt="Un port"');
    expect(html).toContain("<figcaption>");
    expect(parseBody({ type: "doc", content: [{ type: "image", attrs: { src: "javascript:alert(1)", alt: "a" } }] }).ok).toBe(false);
  });

  it("refuses bodies over 2 MB", () => {
    const big = docFromParagraphs([("x".repeat(1000) + " ").repeat(2200)]);
    expect(parseBody(big).ok).toBe(false);
  });

  it("counts words with apostrophes and accents", () => {
    expect(wordCount("L’État a réagi, « vite »")).toBe(4);
  });
});

describe("parseBody pins what the client cannot choose", () => {
  const link = (attrs: Record<string, unknown>) => ({
    type: "doc",
    content: [{ type: "paragraph", content: [{ type: "text", text: "x", marks: [{ type: "link", attrs }] }] }],
  });
  it("drops a link's class and target and restores rel", () => {
    const r = parseBody(link({ href: "https://example.org", class: "fixed inset-0 z-50", target: "_blank", rel: "opener" }));
    expect(r.ok).toBe(true);
    const html = renderBodyHtml((r as unknown as { doc: never }).doc);
    expect(html).not.toContain("class=");
    expect(html).not.toContain("target=");
    expect(html).toContain('rel="noopener noreferrer nofollow"');
  });
  it("refuses heading levels outside the editor's 2 to 4", () => {
    for (const level of [1, 5, 9, "2 onclick=x"]) {
      expect(parseBody({ type: "doc", content: [{ type: "heading", attrs: { level }, content: [{ type: "text", text: "x" }] }] }).ok, String(level)).toBe(
        false,
      );
    }
    expect(parseBody({ type: "doc", content: [{ type: "heading", attrs: { level: 3 }, content: [{ type: "text", text: "x" }] }] }).ok).toBe(true);
  });
});

describe("nesting depth", () => {
  const quotes = (levels: number) => {
    let node: unknown = { type: "paragraph", content: [{ type: "text", text: "profond" }] };
    for (let i = 0; i < levels; i++) node = { type: "blockquote", content: [node] };
    return { type: "doc", content: [node] };
  };
  const lists = (levels: number) => {
    let node: unknown = { type: "paragraph", content: [{ type: "text", text: "item", marks: [{ type: "link", attrs: { href: "https://example.org" } }] }] };
    const item = { type: "paragraph", content: [{ type: "text", text: "point" }] };
    for (let i = 0; i < levels; i++) node = { type: "bulletList", content: [{ type: "listItem", content: [item, node] }] };
    return { type: "doc", content: [node] };
  };
  it("refuses a document nested 1,000 levels, as an object or as JSON text, with a clear error", () => {
    expect(parseBody(quotes(1_000))).toEqual({ ok: false, error: TOO_DEEP });
    expect(parseBody(JSON.stringify(quotes(1_000)))).toEqual({ ok: false, error: TOO_DEEP });
  });
  it("answers, never throws, for any depth (100,000 levels overflowed the stack)", () => {
    expect(parseBody(quotes(100_000))).toEqual({ ok: false, error: TOO_DEEP });
    expect(parseBody("[".repeat(1_000_000))).toEqual({ ok: false, error: TOO_DEEP });
  });
  it("accepts what people write: 20 lists inside each other, inside a quote", () => {
    const doc = { type: "doc", content: [{ type: "blockquote", content: lists(20).content }] };
    expect(parseBody(doc).ok).toBe(true);
    expect(parseBody(JSON.stringify(doc)).ok).toBe(true);
    // A quote character inside text does not count as nesting.
    expect(parseBody(docFromParagraphs(["[[[[{{{{".repeat(200)])).ok).toBe(true);
  });
});
