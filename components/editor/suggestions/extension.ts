/**
 * Suggest mode (track changes) for the body editor: a small ProseMirror plugin of our own.
 *
 * While Suggest is on (per person: it is plugin state, not shared), every text this person
 * inserts gets an insertion mark, and every text they delete is put back with a deletion mark
 * (struck through) instead of going — both carrying their id, name and the time. Deleting one's
 * own or anyone's pending insertion removes it for real. Accept/Reject (one or all) are plain
 * edits of the shared document, so they sync like typing and read-only clients cannot make them.
 *
 * Why not @handlewithcare/prosemirror-suggest-changes 0.1.8: it wraps the view's
 * dispatchTransaction (Tiptap owns it), needs suggestion marks on block nodes (which the stored
 * JSON and the Yjs mapping would then carry), and its marks hold a numeric id only, not who and
 * when. Paragraph structure (Enter, joining paragraphs) is not tracked: it changes for real, as in
 * most shared editors' "suggesting" mode for layout. Blocks without text (an image, a rule) cannot
 * carry a mark, so deleting one cannot be a suggestion: while Suggest is on, an edit that would
 * delete one is refused (`onRefused` lets the editor say why), never applied unseen.
 */
import { Extension } from "@tiptap/core";
import { Fragment, Slice, type Mark, type MarkType, type Node as PMNode } from "@tiptap/pm/model";
import { Plugin, PluginKey, TextSelection, type EditorState, type Transaction } from "@tiptap/pm/state";
import { Mapping, ReplaceStep } from "@tiptap/pm/transform";
import { ySyncPluginKey } from "@tiptap/y-tiptap";

import { DELETION, INSERTION, type SuggestionAttrs } from "./marks";

export type SuggestUser = { id: string; name: string };
type PluginState = { on: boolean };
type Meta = { on?: boolean; internal?: true };

export const suggestKey = new PluginKey<PluginState>("suggestions");

export function isSuggesting(state: EditorState): boolean {
  return suggestKey.getState(state)?.on ?? false;
}

function randomId(): string {
  return globalThis.crypto?.randomUUID?.().replace(/-/g, "").slice(0, 16) ?? Math.random().toString(36).slice(2, 18);
}

type Options = { user: SuggestUser | null; now: () => Date; newId: () => string; onRefused?: () => void };

/** Whether `tr` deletes a block without text (an image, a rule): what Suggest mode cannot mark. */
export function deletesTextlessBlock(tr: Transaction): boolean {
  return tr.steps.some((step, i) => {
    if (!(step instanceof ReplaceStep)) return false;
    const { from, to } = step as unknown as { from: number; to: number };
    let found = false;
    if (to > from)
      tr.docs[i].nodesBetween(from, to, (node, pos) => {
        if (found) return false;
        if (node.isLeaf && !node.isInline && pos >= from && pos + node.nodeSize <= to) found = true;
        return !found;
      });
    return found;
  });
}

/** The suggestion mark of this kind around `pos` made by `user` (to extend it rather than start a new one). */
function adjacentAttrs(doc: PMNode, pos: number, type: MarkType, userId: string): SuggestionAttrs | null {
  const $pos = doc.resolve(Math.max(0, Math.min(pos, doc.content.size)));
  for (const node of [$pos.nodeBefore, $pos.nodeAfter]) {
    const mark = node?.marks.find((m) => m.type === type && m.attrs.authorId === userId);
    if (mark) return mark.attrs as SuggestionAttrs;
  }
  return null;
}

/** The deleted content as it goes back: pending insertions dropped, the rest marked deleted. */
function markDeleted(fragment: Fragment, del: Mark, ins: MarkType): { fragment: Fragment; inline: boolean } {
  const out: PMNode[] = [];
  let inline = false;
  fragment.forEach((node) => {
    if (node.isInline) {
      if (node.marks.some((m) => m.type === ins)) return;
      inline = true;
      out.push(node.marks.some((m) => m.type === del.type) ? node : node.mark(del.addToSet(node.marks)));
    } else if (node.isLeaf) out.push(node);
    else {
      const inner = markDeleted(node.content, del, ins);
      inline ||= inner.inline;
      out.push(node.copy(inner.fragment));
    }
  });
  return { fragment: Fragment.from(out), inline };
}

function track(trs: readonly Transaction[], oldState: EditorState, newState: EditorState, opts: Options): Transaction | null {
  const user = opts.user;
  if (!user || !suggestKey.getState(newState)?.on) return null;
  const insType = newState.schema.marks[INSERTION];
  const delType = newState.schema.marks[DELETION];
  if (!insType || !delType) return null;
  const inserted: { from: number; to: number }[] = [];
  const deleted: { at: number; slice: Slice; backward: boolean }[] = [];
  trs.forEach((t, k) => {
    if (!t.docChanged || t.getMeta(ySyncPluginKey) || (t.getMeta(suggestKey) as Meta | undefined)?.internal) return;
    t.steps.forEach((step, i) => {
      if (!(step instanceof ReplaceStep)) return;
      // Step by step (a sliced Mapping appended to another brings all of its maps along).
      const rest = new Mapping();
      for (const later of t.steps.slice(i + 1)) rest.appendMap(later.getMap());
      for (const tl of trs.slice(k + 1)) for (const later of tl.steps) rest.appendMap(later.getMap());
      const { from, to, slice } = step as unknown as { from: number; to: number; slice: Slice };
      if (slice.size) inserted.push({ from: rest.map(from, 1), to: rest.map(from + slice.size, -1) });
      if (to > from) {
        const head = k === 0 && i === 0 ? oldState.selection.head : -1;
        deleted.push({ at: rest.map(from, -1), slice: t.docs[i].slice(from, to), backward: head === to });
      }
    });
  });
  if (!inserted.length && !deleted.length) return null;
  const tr = newState.tr;
  const at = opts.now().toISOString();
  const attrs = (type: MarkType, pos: number): SuggestionAttrs =>
    adjacentAttrs(tr.doc, pos, type, user.id) ?? { id: opts.newId(), authorId: user.id, authorName: user.name, at };
  for (const r of inserted) {
    if (r.to <= r.from) continue;
    let hasText = false;
    tr.doc.nodesBetween(r.from, r.to, (n) => {
      hasText ||= n.isInline;
      return !hasText;
    });
    if (!hasText) continue;
    const a = adjacentAttrs(tr.doc, r.from, insType, user.id) ?? adjacentAttrs(tr.doc, r.to, insType, user.id) ?? attrs(insType, r.from);
    tr.addMark(r.from, r.to, insType.create(a));
  }
  let cursor: number | null = null;
  for (const d of [...deleted].sort((x, y) => y.at - x.at)) {
    const pos = tr.mapping.map(d.at, -1);
    const { fragment, inline } = markDeleted(d.slice.content, delType.create(attrs(delType, pos)), insType);
    if (!inline) continue; // only structure or pending insertions were deleted: that stands
    const slice = new Slice(fragment, d.slice.openStart, d.slice.openEnd);
    const before = tr.doc.content.size;
    tr.replace(pos, pos, slice);
    cursor = d.backward ? pos : pos + (tr.doc.content.size - before);
  }
  // A pure deletion: the caret moves past what it struck through (backwards for Backspace).
  if (cursor !== null && !inserted.length && deleted.length === 1) {
    tr.setSelection(TextSelection.near(tr.doc.resolve(Math.min(cursor, tr.doc.content.size))));
  }
  if (!tr.docChanged) return null;
  return tr.setMeta(suggestKey, { internal: true } satisfies Meta);
}

/** The plugin alone (tests drive it with a bare EditorState). */
export function suggestPlugin(options: Partial<Options> & { user: SuggestUser | null }): Plugin<PluginState> {
  const opts: Options = { now: () => new Date(), newId: randomId, ...options };
  return new Plugin<PluginState>({
    key: suggestKey,
    state: {
      init: () => ({ on: false }),
      apply: (tr, value) => {
        const on = (tr.getMeta(suggestKey) as Meta | undefined)?.on;
        return on === undefined || on === value.on ? value : { on };
      },
    },
    appendTransaction: (trs, oldState, newState) => track(trs, oldState, newState, opts),
    // This person's edits only: remote (Yjs) changes and decisions on suggestions are never refused.
    filterTransaction: (tr, state) => {
      if (!suggestKey.getState(state)?.on || !tr.docChanged || tr.getMeta(ySyncPluginKey) || (tr.getMeta(suggestKey) as Meta | undefined)?.internal)
        return true;
      if (!deletesTextlessBlock(tr)) return true;
      opts.onRefused?.();
      return false;
    },
  });
}

/** Turns Suggest on or off on a transaction. */
export const setSuggestingMeta = (tr: Transaction, on: boolean) => tr.setMeta(suggestKey, { on } satisfies Meta);

type Range = { from: number; to: number; kind: typeof INSERTION | typeof DELETION; id: string };

/** Where each suggestion is in the editor's document (merged runs, document order). */
export function suggestionRanges(doc: PMNode): Range[] {
  const out: Range[] = [];
  doc.descendants((node, pos) => {
    if (!node.isInline) return true;
    const mark = node.marks.find((m) => m.type.name === INSERTION || m.type.name === DELETION);
    if (!mark) return false;
    const last = out[out.length - 1];
    const r: Range = { from: pos, to: pos + node.nodeSize, kind: mark.type.name as Range["kind"], id: String(mark.attrs.id) };
    if (last && last.to === r.from && last.kind === r.kind && last.id === r.id) last.to = r.to;
    else out.push(r);
    return false;
  });
  return out;
}

/** Accepts or rejects suggestions on `tr` (marked so that it is never tracked itself); whether it changed anything. */
export function decideTr(tr: Transaction, decide: (r: Range) => "accept" | "reject" | "keep"): boolean {
  const ranges = suggestionRanges(tr.doc);
  let changed = false;
  for (const r of [...ranges].reverse()) {
    const d = decide(r);
    if (d === "keep") continue;
    const drop = (r.kind === INSERTION && d === "reject") || (r.kind === DELETION && d === "accept");
    if (drop) tr.delete(r.from, r.to);
    else tr.removeMark(r.from, r.to, tr.doc.type.schema.marks[r.kind]);
    changed = true;
  }
  if (changed) tr.setMeta(suggestKey, { internal: true } satisfies Meta);
  return changed;
}

declare module "@tiptap/core" {
  interface Commands<ReturnType> {
    suggestions: {
      setSuggesting: (on: boolean) => ReturnType;
      acceptSuggestion: (id: string) => ReturnType;
      rejectSuggestion: (id: string) => ReturnType;
      acceptAllSuggestions: () => ReturnType;
      rejectAllSuggestions: () => ReturnType;
    };
  }
}

function run(decide: (r: Range) => "accept" | "reject" | "keep") {
  return ({ tr, dispatch }: { tr: Transaction; dispatch?: unknown }) => {
    if (!dispatch) return suggestionRanges(tr.doc).some((r) => decide(r) !== "keep");
    return decideTr(tr, decide);
  };
}

export const Suggestions = Extension.create<Options>({
  name: "suggestions",
  addOptions: () => ({ user: null, now: () => new Date(), newId: randomId }),
  addCommands() {
    return {
      setSuggesting:
        (on: boolean) =>
        ({ tr, dispatch }) => {
          if (dispatch) tr.setMeta(suggestKey, { on } satisfies Meta);
          return true;
        },
      acceptSuggestion: (id: string) => run((r) => (r.id === id ? "accept" : "keep")),
      rejectSuggestion: (id: string) => run((r) => (r.id === id ? "reject" : "keep")),
      acceptAllSuggestions: () => run(() => "accept"),
      rejectAllSuggestions: () => run(() => "reject"),
    };
  },
  addProseMirrorPlugins() {
    return [suggestPlugin(this.options)];
  },
});
