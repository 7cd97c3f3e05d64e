/**
 * For randomised tests (lib/collab/convergence.int.test.ts at merge, and ours): a step that
 * anchors a comment on a random range of a client's document, and the check that every anchor,
 * after all the edits, resolves inside the final document or is detached, never elsewhere.
 */
import { getSchema } from "@tiptap/core";
import type { Schema } from "@tiptap/pm/model";
import * as Y from "yjs";

import { articleExtensions } from "@/components/editor/extensions";

import { anchorOf, pmOf, quoteOf, resolveAnchor, type Anchor, type Range } from "./anchor";

let cached: Schema | null = null;
export const bodySchema = () => (cached ??= getSchema(articleExtensions()));

/** Text ranges [from, to) of the document, inside one text block each. */
function textRanges(doc: Y.Doc): Range[] {
  const { node } = pmOf(doc, bodySchema());
  const out: Range[] = [];
  node.descendants((n, pos) => {
    if (n.isTextblock && n.content.size > 0) out.push({ from: pos + 1, to: pos + 1 + n.content.size });
    return !n.isTextblock;
  });
  return out;
}

/** Anchors a comment on a random non-empty range of `doc` (null when it has no text). */
export function randomCommentStep(doc: Y.Doc, rand: () => number): { anchor: Anchor; quote: string } | null {
  const blocks = textRanges(doc);
  if (!blocks.length) return null;
  const block = blocks[Math.floor(rand() * blocks.length)];
  const size = block.to - block.from;
  const a = block.from + Math.floor(rand() * size);
  const b = Math.min(block.to, a + 1 + Math.floor(rand() * Math.min(20, size)));
  const view = pmOf(doc, bodySchema());
  const range = { from: a, to: b };
  return { anchor: anchorOf(view.fragment, view.mapping, range), quote: quoteOf(view.node, range) };
}

export type AnchorCheck = { attached: number; detached: number; problems: string[] };

/** Every anchor resolves to a non-empty range inside the final document, or is detached. */
export function checkAnchors(doc: Y.Doc, anchors: readonly Anchor[]): AnchorCheck {
  const view = pmOf(doc, bodySchema());
  const size = view.node.content.size;
  const out: AnchorCheck = { attached: 0, detached: 0, problems: [] };
  for (const [i, anchor] of anchors.entries()) {
    const range = resolveAnchor(doc, view.fragment, view.mapping, anchor);
    if (!range) out.detached++;
    else if (range.from < 0 || range.to > size || range.from >= range.to)
      out.problems.push(`anchor ${i} resolves to ${range.from}–${range.to} in a document of ${size}`);
    else out.attached++;
  }
  return out;
}
