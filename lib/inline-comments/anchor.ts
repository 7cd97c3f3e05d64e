/**
 * Anchors of inline comments: two Yjs relative positions in the body's XML fragment (the one the
 * Tiptap Collaboration extension edits), so a thread follows its text through everyone's edits.
 *
 * Built on @tiptap/y-tiptap's `absolutePositionToRelativePosition` / `relativePositionToAbsolutePosition`,
 * with one refinement: inside text, the start sticks to the character after it and the end to the
 * character before it, so text typed just before or just after the commented phrase stays out of
 * the range, and text typed inside it is in. Used by the editor (with the sync binding's mapping)
 * and by the server (with a mapping built from the stored state): plain functions, no DOM.
 */
import type { Node as PmNode, Schema } from "@tiptap/pm/model";
import { absolutePositionToRelativePosition, initProseMirrorDoc, relativePositionToAbsolutePosition } from "@tiptap/y-tiptap";
import * as Y from "yjs";

export type PmMapping = Parameters<typeof absolutePositionToRelativePosition>[2];
export type Anchor = { from: Uint8Array; to: Uint8Array };
export type Range = { from: number; to: number };

/** The largest encoded relative position accepted (a real one is a dozen bytes). */
export const MAX_ANCHOR_BYTES = 64;

function relativeAt(fragment: Y.XmlFragment, mapping: PmMapping, pos: number, assoc: number): Y.RelativePosition {
  const rel = absolutePositionToRelativePosition(pos, fragment, mapping) as Y.RelativePosition;
  const abs = fragment.doc ? Y.createAbsolutePositionFromRelativePosition(rel, fragment.doc) : null;
  if (abs && abs.type instanceof Y.XmlText) return Y.createRelativePositionFromTypeIndex(abs.type, abs.index, assoc);
  return rel;
}

/** The anchor of the editor range [from, to) (ProseMirror positions). */
export function anchorOf(fragment: Y.XmlFragment, mapping: PmMapping, range: Range): Anchor {
  return {
    from: Y.encodeRelativePosition(relativeAt(fragment, mapping, range.from, 0)),
    to: Y.encodeRelativePosition(relativeAt(fragment, mapping, range.to, -1)),
  };
}

function decode(bytes: Uint8Array): Y.RelativePosition | null {
  if (!(bytes instanceof Uint8Array) || bytes.byteLength === 0 || bytes.byteLength > MAX_ANCHOR_BYTES) return null;
  try {
    const rel = Y.decodeRelativePosition(bytes);
    // Only the body's own fragment by name: resolving another root name would create it.
    if (rel.tname !== null && rel.tname !== "default") return null;
    if (rel.type === null && rel.tname === null && rel.item === null) return null;
    return rel;
  } catch {
    return null;
  }
}

function insideLive(fragment: Y.XmlFragment, type: Y.AbstractType<unknown>): boolean {
  let t: Y.AbstractType<unknown> | null = type;
  while (t && t !== fragment) {
    const item: Y.Item | null = t._item;
    if (!item || item.deleted) return false;
    t = item.parent as Y.AbstractType<unknown> | null;
  }
  return t === fragment;
}

function positionOf(doc: Y.Doc, fragment: Y.XmlFragment, mapping: PmMapping, bytes: Uint8Array): number | null {
  const rel = decode(bytes);
  if (!rel) return null;
  try {
    const abs = Y.createAbsolutePositionFromRelativePosition(rel, doc);
    if (!abs || !insideLive(fragment, abs.type)) return null;
    if (abs.type instanceof Y.XmlText) {
      // The start of that text run, then the index inside it (y-tiptap refuses item-based
      // positions that land at the very start of the document, which a comment may well do).
      const start = relativePositionToAbsolutePosition(doc, fragment, Y.createRelativePositionFromTypeIndex(abs.type, 0, -1), mapping);
      return start === null ? null : start + abs.index;
    }
    return relativePositionToAbsolutePosition(doc, fragment, rel, mapping);
  } catch {
    return null;
  }
}

/**
 * Where an anchor is now, or null when it is detached: its text deleted, its positions unknown
 * to this document (another article's, a forged one, or a document rebuilt since), or outside
 * the body.
 */
export function resolveAnchor(doc: Y.Doc, fragment: Y.XmlFragment, mapping: PmMapping, anchor: Anchor): Range | null {
  const from = positionOf(doc, fragment, mapping, anchor.from);
  const to = positionOf(doc, fragment, mapping, anchor.to);
  if (from === null || to === null || from >= to) return null;
  return { from, to };
}

/** A ProseMirror view of a Yjs document outside any editor (the server, tests). */
export function pmOf(doc: Y.Doc, schema: Schema, field = "default"): { fragment: Y.XmlFragment; node: PmNode; mapping: PmMapping } {
  const fragment = doc.getXmlFragment(field);
  const { doc: node, mapping } = initProseMirrorDoc(fragment, schema);
  return { fragment, node, mapping: mapping as PmMapping };
}

/** The text of a range, as quoted beside a thread. */
export function quoteOf(node: PmNode, range: Range, max = 500): string {
  const text = node.textBetween(range.from, range.to, "\n", " ").trim();
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** Anchors travel to and from server actions as base64. */
export function toBase64(bytes: Uint8Array): string {
  let s = "";
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s);
}
export function fromBase64(text: string): Uint8Array | null {
  if (typeof text !== "string" || text.length > 4 * MAX_ANCHOR_BYTES || !/^[A-Za-z0-9+/]*={0,2}$/.test(text)) return null;
  try {
    const s = atob(text);
    const out = new Uint8Array(s.length);
    for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
    return out;
  } catch {
    return null;
  }
}
