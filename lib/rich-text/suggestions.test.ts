import { getSchema } from "@tiptap/core";
import { Node as PMNode } from "@tiptap/pm/model";
import { EditorState, TextSelection } from "@tiptap/pm/state";
import { describe, expect, it } from "vitest";

import { articleExtensions } from "@/components/editor/extensions";
import { decideTr, deletesTextlessBlock, setSuggestingMeta, suggestionRanges, suggestPlugin } from "@/components/editor/suggestions/extension";
import type { TiptapDoc } from "@/db/schema";

import { bodyText, parseBody, renderBodyHtml } from "./body";
import {
  acceptAllSuggestions,
  decideSuggestions,
  listSuggestions,
  pendingSuggestionCount,
  publicBody,
  rejectAllSuggestions,
  suggestionAttrsProblem,
} from "./suggestions";

const who = (id: string, name = "Claire Dubois") => ({ id, authorId: "u-claire", authorName: name, at: "2026-11-29T10:00:00.000Z" });
const ins = (text: string, id = "s1", name?: string) => ({ type: "text", text, marks: [{ type: "insertion", attrs: who(id, name) }] });
const del = (text: string, id = "s2", name?: string) => ({ type: "text", text, marks: [{ type: "deletion", attrs: who(id, name) }] });
const t = (text: string) => ({ type: "text", text });
const doc = (...paragraphs: unknown[][]) => ({ type: "doc", content: paragraphs.map((content) => ({ type: "paragraph", content })) }) as TiptapDoc;

const sample = doc([t("The mayor "), del("never "), t("said "), ins("yesterday ", "s1"), t("no.")]);

describe("suggestions on stored JSON", () => {
  it("lists pending suggestions with their author, time and text", () => {
    expect(listSuggestions(sample)).toEqual([
      { kind: "deletion", text: "never ", ...who("s2") },
      { kind: "insertion", text: "yesterday ", ...who("s1") },
    ]);
    expect(pendingSuggestionCount(sample)).toBe(2);
    expect(pendingSuggestionCount(doc([t("plain")]))).toBe(0);
  });

  it("accept all keeps insertions and removes deletions; reject all the reverse; text is joined back", () => {
    expect(acceptAllSuggestions(sample)).toEqual(doc([t("The mayor said yesterday no.")]));
    expect(rejectAllSuggestions(sample)).toEqual(doc([t("The mayor never said no.")]));
    expect(pendingSuggestionCount(sample)).toBe(2); // the input is not changed
  });

  it("decides one suggestion at a time", () => {
    const one = decideSuggestions(sample, (s) => (s.id === "s1" ? "accept" : "keep"));
    expect(listSuggestions(one).map((s) => s.id)).toEqual(["s2"]);
    expect(bodyText(acceptAllSuggestions(one))).toBe("The mayor said yesterday no.");
    const other = decideSuggestions(sample, (s) => (s.id === "s2" ? "accept" : "reject"));
    expect(other).toEqual(doc([t("The mayor said no.")]));
  });

  it("the public projection: pending insertions not published, pending deletions still are; a paragraph that was only an insertion goes", () => {
    const d = doc([t("Kept "), del("struck")], [ins("All new paragraph")], [t("End")]);
    expect(publicBody(d)).toEqual(doc([t("Kept struck")], [t("End")]));
    expect(bodyText(d)).toBe("Kept struck\nEnd");
    const html = renderBodyHtml(d);
    expect(html).toBe("<p>Kept struck</p><p>End</p>");
    expect(html).not.toMatch(/<ins|<del|data-id|Claire/);
    const plain = doc([t("unchanged")]);
    expect(publicBody(plain)).toBe(plain);
  });
});

describe("suggestion marks in the validator", () => {
  it("accepts well-formed marks", () => {
    const r = parseBody(sample);
    expect(r.ok).toBe(true);
  });

  const forged: [string, Record<string, unknown>][] = [
    ["missing id", { ...who("x"), id: undefined }],
    ["id with markup", { ...who("x"), id: '"><script>' }],
    ["oversized id", { ...who("x"), id: "a".repeat(65) }],
    ["oversized name", { ...who("x"), authorName: "n".repeat(121) }],
    ["empty name", { ...who("x"), authorName: "  " }],
    ["control characters in name", { ...who("x"), authorName: "a\u0000b" }],
    ["author id not a string", { ...who("x"), authorId: 42 }],
    ["time not ISO", { ...who("x"), at: "yesterday" }],
    ["time as number", { ...who("x"), at: 1700000000000 }],
  ];
  for (const [what, attrs] of forged) {
    it(`refuses ${what}`, () => {
      expect(suggestionAttrsProblem(attrs)).not.toBeNull();
      const r = parseBody(doc([{ type: "text", text: "x", marks: [{ type: "insertion", attrs }] }]));
      expect(r.ok).toBe(false);
    });
  }

  it("settles text marked as both a suggested insertion and a suggested deletion (two people suggesting at once) as the insertion", () => {
    const marks = [
      { type: "deletion", attrs: who("b") },
      { type: "insertion", attrs: who("a") },
    ];
    for (const order of [marks, [...marks].reverse()]) {
      const r = parseBody(doc([t("Le maire "), { type: "text", text: "a dit", marks: order }, t(" non.")]));
      expect(r.ok).toBe(true);
      if (!r.ok) return;
      const paragraph = r.doc.content![0] as { content: { marks?: unknown }[] };
      expect(paragraph.content[1].marks).toEqual([{ type: "insertion", attrs: who("a") }]);
      // Still a pending suggestion: readers do not see it, the editor can accept or reject it.
      expect(listSuggestions(r.doc).map((s) => s.kind)).toEqual(["insertion"]);
      expect(bodyText(publicBody(r.doc))).toBe("Le maire  non.");
    }
  });

  it("refuses wrongly nested marks: on a block, unknown extra attributes are dropped", () => {
    const onBlock = { type: "doc", content: [{ type: "paragraph", marks: [{ type: "insertion", attrs: who("a") }], content: [t("x")] }] };
    expect(parseBody(onBlock).ok).toBe(false);
    const onImage = {
      type: "doc",
      content: [{ type: "image", attrs: { src: "https://example.org/a.jpg", alt: "a" }, marks: [{ type: "deletion", attrs: who("a") }] }],
    };
    expect(parseBody(onImage).ok).toBe(false);
    const extra = doc([{ type: "text", text: "x", marks: [{ type: "insertion", attrs: { ...who("a"), onclick: "alert(1)", class: "evil" } }] }]);
    const r = parseBody(extra);
    expect(r.ok && JSON.stringify(r.doc)).not.toMatch(/onclick|evil/);
  });

  it("XSS corpus through author names and suggested text renders as text", () => {
    const corpus = ["<script>alert(1)</script>", '"><img src=x onerror=alert(1)>', "<svg/onload=alert(1)>", "&lt;b&gt;"];
    for (const evil of corpus) {
      const d = doc([t("a "), del(evil, "d1", evil.slice(0, 100)), ins(evil, "i1", evil.slice(0, 100))]);
      expect(parseBody(d).ok).toBe(true);
      const html = renderBodyHtml(d);
      expect(html).not.toMatch(/<(script|img|svg|b)\b/);
      expect(html).toContain(evil.includes("<") ? "&lt;" : "&amp;lt;");
      expect(listSuggestions(d)[0].authorName).toBe(evil.slice(0, 100));
    }
  });
});

describe("Suggest mode in the editor (ProseMirror plugin)", () => {
  const schema = getSchema(articleExtensions({ live: true }));
  let n = 0;
  let refusals = 0;
  const make = (text: string, body: TiptapDoc = doc([t(text)])) => {
    n = 0;
    refusals = 0;
    const state = EditorState.create({
      schema,
      doc: PMNode.fromJSON(schema, body),
      plugins: [
        suggestPlugin({
          user: { id: "u-yanis", name: "Yanis" },
          now: () => new Date("2026-11-29T10:00:00Z"),
          newId: () => `id${++n}`,
          onRefused: () => refusals++,
        }),
      ],
    });
    return state.apply(setSuggestingMeta(state.tr, true));
  };
  const json = (s: EditorState) => s.doc.toJSON() as TiptapDoc;

  it("typing becomes an insertion by its author, extended while typing on", () => {
    let s = make("Hello world");
    s = s.apply(s.tr.insertText(" big", 6));
    s = s.apply(s.tr.insertText("!", 10));
    expect(listSuggestions(json(s))).toEqual([
      { kind: "insertion", text: " big!", id: "id1", authorId: "u-yanis", authorName: "Yanis", at: "2026-11-29T10:00:00.000Z" },
    ]);
    expect(bodyText(json(s))).toBe("Hello world");
  });

  it("Backspace strikes through instead of deleting and the caret walks back; deleting one's insertion removes it", () => {
    let s = make("Hello");
    s = s.apply(s.tr.setSelection(TextSelection.create(s.doc, 6)));
    for (let i = 0; i < 2; i++) {
      const head = s.selection.head;
      s = s.apply(s.tr.delete(head - 1, head));
    }
    expect(s.doc.textContent).toBe("Hello");
    expect(listSuggestions(json(s))).toMatchObject([{ kind: "deletion", text: "lo", id: "id1" }]);
    expect(s.selection.head).toBe(4);
    s = s.apply(s.tr.insertText("XY", 2));
    s = s.apply(s.tr.delete(3, 4)); // the "Y" just typed
    expect(s.doc.textContent).toBe("HXello");
    expect(listSuggestions(json(s)).map((x) => [x.kind, x.text])).toEqual([
      ["insertion", "X"],
      ["deletion", "lo"],
    ]);
  });

  it("typing over a selection suggests a replacement; accept and reject by id; remote (Yjs) changes are not tracked", () => {
    let s = make("red car");
    s = s.apply(s.tr.insertText("blue", 1, 4));
    expect(s.doc.textContent).toBe("redblue car");
    const [d, i] = listSuggestions(json(s));
    expect([d.kind, d.text, i.kind, i.text]).toEqual(["deletion", "red", "insertion", "blue"]);
    const tr = s.tr;
    decideTr(tr, (r) => (r.id === d.id ? "accept" : "keep"));
    s = s.apply(tr);
    expect(s.doc.textContent).toBe("blue car");
    const tr2 = s.tr;
    decideTr(tr2, () => "reject");
    s = s.apply(tr2);
    expect(s.doc.textContent).toBe(" car");
    expect(suggestionRanges(s.doc)).toEqual([]);
    // Off: plain editing again.
    s = s.apply(setSuggestingMeta(s.tr, false));
    s = s.apply(s.tr.insertText("A", 1));
    expect(pendingSuggestionCount(json(s))).toBe(0);
  });

  it("an image or a rule cannot be deleted while suggesting (no mark can show it): the edit is refused and said, text around it still is suggested", () => {
    const image = { type: "image", attrs: { src: "/uploads/a.webp", alt: "La place", caption: null, credit: null } };
    const body = {
      type: "doc",
      content: [{ type: "paragraph", content: [t("Avant")] }, image, { type: "horizontalRule" }, { type: "paragraph", content: [t("Après")] }],
    } as TiptapDoc;
    let s = make("", body);
    const imageAt = s.doc.child(0).nodeSize;
    const tr = s.tr.delete(imageAt, imageAt + 1);
    expect(deletesTextlessBlock(tr)).toBe(true);
    const before = s.doc;
    s = s.applyTransaction(tr).state;
    expect(s.doc).toBe(before);
    expect(refusals).toBe(1);
    // A selection across text, the image and the rule: refused as a whole, nothing half-done.
    s = s.applyTransaction(s.tr.delete(3, s.doc.content.size - 3)).state;
    expect(s.doc).toBe(before);
    expect(refusals).toBe(2);
    // Text alone is still a suggestion, and with Suggest off the image can go.
    s = s.apply(s.tr.delete(1, 3));
    expect(listSuggestions(json(s))).toMatchObject([{ kind: "deletion", text: "Av" }]);
    s = s.apply(setSuggestingMeta(s.tr, false));
    const at = s.doc.child(0).nodeSize;
    s = s.apply(s.tr.delete(at, at + 1));
    expect(s.doc.childCount).toBe(3);
    expect(refusals).toBe(2);
  });
});
