import { describe, expect, it } from "vitest";

import { parseBody } from "@/lib/rich-text/body";
import { slugify } from "@/lib/slug";

import { articleChangesSchema, normaliseTags, saveArticleSchema, tagKey } from "./article";

/** What the editor produces for a typical French article (headings, marks, link, lists, quote, rule, image). */
const editorDoc = {
  type: "doc",
  content: [
    { type: "heading", attrs: { level: 2 }, content: [{ type: "text", text: "Ce que l’on sait" }] },
    {
      type: "paragraph",
      content: [
        { type: "text", text: "« Aucune preuve », selon " },
        { type: "text", text: "Pékin", marks: [{ type: "bold" }, { type: "italic" }] },
        {
          type: "text",
          text: " (source)",
          marks: [{ type: "link", attrs: { href: "https://example.org/a?b=1", target: null, rel: "noopener noreferrer nofollow", class: null } }],
        },
        { type: "hardBreak" },
        { type: "text", text: "rayé", marks: [{ type: "strike" }] },
      ],
    },
    { type: "bulletList", content: [{ type: "listItem", content: [{ type: "paragraph", content: [{ type: "text", text: "un" }] }] }] },
    {
      type: "orderedList",
      attrs: { start: 1, type: null },
      content: [{ type: "listItem", content: [{ type: "paragraph", content: [{ type: "text", text: "deux" }] }] }],
    },
    { type: "blockquote", content: [{ type: "paragraph", content: [{ type: "text", text: "Citation" }] }] },
    { type: "horizontalRule" },
    { type: "image", attrs: { src: "/uploads/abc.webp", alt: "Un hôpital", caption: "Légende", credit: "AFP" } },
  ],
};

describe("article body validation", () => {
  it("accepts what the editor makes", () => {
    const r = parseBody(editorDoc);
    expect(r.ok).toBe(true);
  });
  it("refuses unknown nodes, javascript: links and oversize bodies", () => {
    expect(parseBody({ type: "doc", content: [{ type: "table", content: [] }] }).ok).toBe(false);
    const js = structuredClone(editorDoc);
    (js.content[1].content![2] as { marks: { attrs: { href: string } }[] }).marks[0].attrs.href = "javascript:alert(1)";
    expect(parseBody(js).ok).toBe(false);
    const huge = { type: "doc", content: Array.from({ length: 3000 }, () => ({ type: "paragraph", content: [{ type: "text", text: "é".repeat(400) }] })) };
    expect(parseBody(huge)).toEqual({ ok: false, error: "The body is larger than 2 MB." });
  });
});

describe("slug folding", () => {
  it("folds accents, case and punctuation", () => {
    expect(slugify("Cybersécurité : la Chine nie")).toBe("cybersecurite-la-chine-nie");
  });
});

describe("tags", () => {
  it("normalises a typed hashtag and dedupes by folded slug", () => {
    expect(
      normaliseTags([
        "#CybersécuritéFrançaise",
        "cybersécurité française",
        "#CYBERSECURITE-FRANCAISE",
        // One case all along: the slug has no word break, the tag is the same.
        "#cybersécuritéfrançaise",
        "#CYBERSÉCURITÉFRANÇAISE",
        "APT41",
        "apt41",
        "Chine",
        " #chine ",
        "#",
        "",
      ]),
    ).toEqual(["CybersécuritéFrançaise", "APT41", "Chine"]);
    expect(tagKey("#CybersécuritéFrançaise")).toBe("cybersecurite-francaise");
  });
  it("refuses more than 30 tags and tags over 50 characters", () => {
    const many = Array.from({ length: 31 }, (_, i) => `tag${i}`);
    expect(articleChangesSchema.safeParse({ tags: many }).success).toBe(false);
    expect(articleChangesSchema.safeParse({ tags: [...many.slice(0, 30), "#Tag0"] }).success).toBe(true);
    expect(articleChangesSchema.safeParse({ tags: ["x".repeat(51)] }).success).toBe(false);
  });
});

describe("field limits", () => {
  const ok = (changes: unknown) => saveArticleSchema.safeParse({ id: "7d1a3c1e-2f4b-4c1d-9a3e-0b6f5d2c8e11", expectedVersion: 3, changes }).success;
  it("accepts the limits and refuses one more", () => {
    expect(ok({ headline: "h".repeat(200), dek: "d".repeat(300), highlights: Array(12).fill("k".repeat(280)) })).toBe(true);
    expect(ok({ headline: "h".repeat(201) })).toBe(false);
    expect(ok({ dek: "d".repeat(301) })).toBe(false);
    expect(ok({ highlights: Array(13).fill("k") })).toBe(false);
    expect(ok({ highlights: ["k".repeat(281)] })).toBe(false);
  });
  it("refuses unknown fields, bad languages and images without alt text", () => {
    expect(ok({ status: "published" })).toBe(false);
    expect(ok({ language: "fr-CA" })).toBe(true);
    expect(ok({ language: "français" })).toBe(false);
    expect(ok({ featuredImage: { src: "/uploads/a.webp", alt: " " } })).toBe(false);
    expect(ok({ featuredImage: { src: "javascript:alert(1)", alt: "x" } })).toBe(false);
    expect(ok({ featuredImage: { src: "/uploads/a.webp", alt: "Un port", credit: "AFP" } })).toBe(true);
  });
});
