/**
 * Anchors of inline comments between real Yjs clients (no database): they follow inserts and
 * deletes made by another client before and inside the range, detach when their text is gone or
 * the document is rebuilt, and refuse positions from elsewhere. Plus a seeded randomised run.
 */
import { prosemirrorJSONToYXmlFragment } from "@tiptap/y-tiptap";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";

import { docFromParagraphs } from "@/lib/rich-text/body";

import { anchorOf, fromBase64, pmOf, quoteOf, resolveAnchor, toBase64, type Anchor } from "./anchor";
import { bodySchema, checkAnchors, randomCommentStep } from "./random";

const TEXT = "The minister resigned on Tuesday evening after the vote.";

function pair(paragraphs = [TEXT, "Second paragraph of the story."]) {
  const a = new Y.Doc();
  const b = new Y.Doc();
  a.on("update", (u: Uint8Array, origin: unknown) => origin !== "remote" && Y.applyUpdate(b, u, "remote"));
  b.on("update", (u: Uint8Array, origin: unknown) => origin !== "remote" && Y.applyUpdate(a, u, "remote"));
  prosemirrorJSONToYXmlFragment(bodySchema(), docFromParagraphs(paragraphs), a.getXmlFragment("default"));
  return { a, b };
}

/** The anchor of the first occurrence of `phrase`, made on `doc`. */
function anchorOn(doc: Y.Doc, phrase: string): Anchor {
  const view = pmOf(doc, bodySchema());
  let found = -1;
  view.node.descendants((n, pos) => {
    if (found < 0 && n.isText && n.text!.includes(phrase)) found = pos + n.text!.indexOf(phrase);
  });
  expect(found).toBeGreaterThan(0);
  return anchorOf(view.fragment, view.mapping, { from: found, to: found + phrase.length });
}

function quoted(doc: Y.Doc, anchor: Anchor): string | null {
  const view = pmOf(doc, bodySchema());
  const range = resolveAnchor(doc, view.fragment, view.mapping, anchor);
  return range ? quoteOf(view.node, range) : null;
}

const textOf = (doc: Y.Doc, i = 0) => (doc.getXmlFragment("default").get(i) as Y.XmlElement).get(0) as Y.XmlText;

describe("inline comment anchors", () => {
  it("follow another client's inserts before, inside and right after the range", () => {
    const { a, b } = pair();
    const anchor = anchorOn(a, "resigned on Tuesday");
    expect(quoted(b, anchor)).toBe("resigned on Tuesday");
    textOf(b).insert(0, "BREAKING: ");
    expect(quoted(a, anchor)).toBe("resigned on Tuesday");
    const inside = textOf(b).toString().indexOf("on Tuesday");
    textOf(b).insert(inside, "suddenly ");
    expect(quoted(a, anchor)).toBe("resigned suddenly on Tuesday");
    // Typed right before the start and right after the end: outside the thread.
    const start = textOf(b).toString().indexOf("resigned");
    textOf(b).insert(start, ">>");
    const end = textOf(b).toString().indexOf("Tuesday") + "Tuesday".length;
    textOf(b).insert(end, "<<");
    expect(quoted(a, anchor)).toBe("resigned suddenly on Tuesday");
    expect(quoted(b, anchor)).toBe("resigned suddenly on Tuesday");
  });

  it("follow deletes before and inside the range, and anchor at the very start of the body", () => {
    const { a, b } = pair();
    const anchor = anchorOn(a, "resigned on Tuesday evening");
    textOf(b).delete(0, "The minister ".length);
    expect(quoted(a, anchor)).toBe("resigned on Tuesday evening");
    textOf(b).delete("resigned ".length, "on ".length);
    expect(quoted(a, anchor)).toBe("resigned Tuesday evening");
    const first = anchorOn(b, "resigned");
    expect(quoted(a, first)).toBe("resigned");
    // A new paragraph inserted above moves both.
    const p = new Y.XmlElement("paragraph");
    const t = new Y.XmlText();
    b.transact(() => {
      b.getXmlFragment("default").insert(0, [p]);
      p.insert(0, [t]);
      t.insert(0, "Update at 9 pm.");
    });
    expect(quoted(a, anchor)).toBe("resigned Tuesday evening");
    expect(quoted(a, first)).toBe("resigned");
  });

  it("detaches when its text is deleted, its paragraph removed, or the document rebuilt", () => {
    const { a, b } = pair();
    const inText = anchorOn(a, "Tuesday");
    const inSecond = anchorOn(a, "Second paragraph");
    const at = textOf(b).toString().indexOf("Tuesday");
    textOf(b).delete(at, "Tuesday".length);
    expect(quoted(a, inText)).toBeNull();
    b.getXmlFragment("default").delete(1, 1);
    expect(quoted(a, inSecond)).toBeNull();
    // A reset: the same words in a new document (another article's, or this one's rebuilt).
    const { a: rebuilt } = pair();
    const kept = anchorOn(a, "minister");
    expect(quoted(a, kept)).toBe("minister");
    expect(quoted(rebuilt, kept)).toBeNull();
  });

  it("refuses forged and foreign positions", () => {
    const { a } = pair();
    const good = anchorOn(a, "minister");
    const forged = (bytes: number[]) => ({ from: new Uint8Array(bytes), to: good.to });
    expect(quoted(a, forged([]))).toBeNull();
    expect(quoted(a, forged([255, 255, 255]))).toBeNull();
    expect(quoted(a, forged(Array.from({ length: 200 }, () => 1)))).toBeNull();
    // A position in a root type other than the body (resolving it must not create that type).
    const other = Y.encodeRelativePosition(Y.createRelativePositionFromTypeIndex(new Y.Doc().getText("secrets"), 0));
    expect(quoted(a, { from: other, to: good.to })).toBeNull();
    expect([...a.share.keys()]).toEqual(["default"]);
    // Start after end.
    expect(quoted(a, { from: good.to, to: good.from })).toBeNull();
    expect(fromBase64(toBase64(good.from))).toEqual(good.from);
    expect(fromBase64("<script>")).toBeNull();
  });

  it("stay on their text or detach under seeded random concurrent edits", () => {
    const seed = Number(process.env.COMMENTS_SEED ?? 20261129);
    let s = seed >>> 0;
    const rand = () => {
      s = (s + 0x6d2b79f5) >>> 0;
      let t = s;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
    const docs = [new Y.Doc(), new Y.Doc(), new Y.Doc()];
    prosemirrorJSONToYXmlFragment(bodySchema(), docFromParagraphs([TEXT, "Second paragraph of the story.", "Third one."]), docs[0].getXmlFragment("default"));
    for (const d of docs.slice(1)) Y.applyUpdate(d, Y.encodeStateAsUpdate(docs[0]));
    const anchors: { anchor: Anchor; quote: string; marker: string }[] = [];
    for (let step = 0; step < 300; step++) {
      const d = docs[Math.floor(rand() * docs.length)];
      const r = rand();
      const frag = d.getXmlFragment("default");
      const blocks = frag.toArray().filter((n): n is Y.XmlElement => n instanceof Y.XmlElement);
      const block = blocks[Math.floor(rand() * blocks.length)];
      const text = block?.get(0);
      if (r < 0.1) {
        const made = randomCommentStep(d, rand);
        if (made) anchors.push({ ...made, marker: made.quote });
      } else if (text instanceof Y.XmlText && r < 0.6) {
        text.insert(Math.floor(rand() * (text.length + 1)), `k${step} `);
      } else if (text instanceof Y.XmlText && r < 0.9 && text.length > 3) {
        const at = Math.floor(rand() * (text.length - 2));
        text.delete(at, 1 + Math.floor(rand() * Math.min(6, text.length - at - 1)));
      } else if (r < 0.95) {
        const p = new Y.XmlElement("paragraph");
        d.transact(() => {
          frag.insert(Math.floor(rand() * (frag.length + 1)), [p]);
          p.insert(0, [new Y.XmlText(`para ${step}`)]);
        });
      } else if (frag.length > 1) {
        frag.delete(Math.floor(rand() * frag.length), 1);
      }
      // Sync at random moments: the clients work on diverging copies in between.
      if (rand() < 0.3) {
        const updates = docs.map((x) => Y.encodeStateAsUpdate(x));
        for (const x of docs) for (const u of updates) Y.applyUpdate(x, u);
      }
    }
    const updates = docs.map((x) => Y.encodeStateAsUpdate(x));
    for (const x of docs) for (const u of updates) Y.applyUpdate(x, u);
    expect(anchors.length).toBeGreaterThan(10);
    const all = anchors.map((x) => x.anchor);
    const results = docs.map((d) => checkAnchors(d, all));
    for (const r of results) {
      expect(r.problems, `seed ${seed}`).toEqual([]);
      expect(r.attached + r.detached).toBe(anchors.length);
    }
    // Every client sees the same thing for each anchor.
    for (const x of anchors) expect(new Set(docs.map((d) => quoted(d, x.anchor))).size, `seed ${seed}`).toBe(1);
    expect(results[0].attached).toBeGreaterThan(0);
  });
});
