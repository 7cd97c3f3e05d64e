/**
 * The highlight of commented text in the live editor: ProseMirror decorations computed from the
 * threads' Yjs anchors, never a mark. The document (and so the article JSON, the public HTML,
 * feeds, search and the API) never holds a comment.
 *
 * Remote changes (the sync plugin's own transactions) re-resolve every anchor against the Yjs
 * document; local typing maps the decorations, then re-resolves once the binding has written it
 * to Yjs (a short moment later), so the highlight always ends on the anchors' word.
 */
import { Plugin, PluginKey, type EditorState, type Transaction } from "@tiptap/pm/state";
import { Decoration, DecorationSet, type EditorView } from "@tiptap/pm/view";
import { ySyncPluginKey } from "@tiptap/y-tiptap";
import type * as Y from "yjs";

import { fromBase64, resolveAnchor, type PmMapping, type Range } from "@/lib/inline-comments/anchor";

export type AnchoredThread = { id: number; from: string | null; to: string | null; resolved: boolean };
type State = { threads: AnchoredThread[]; active: number | null; ranges: Map<number, Range | null>; decorations: DecorationSet };
type Meta = { threads?: AnchoredThread[]; active?: number | null; refresh?: boolean };

export const inlineCommentsKey = new PluginKey<State>("inlineComments");

type Binding = { type: Y.XmlFragment; doc: Y.Doc; mapping: PmMapping };
export const bindingOf = (state: EditorState): Binding | null => (ySyncPluginKey.getState(state) as { binding?: Binding } | undefined)?.binding ?? null;

function build(state: EditorState, threads: AnchoredThread[], active: number | null): Pick<State, "ranges" | "decorations"> {
  const binding = bindingOf(state);
  const ranges = new Map<number, Range | null>();
  const decos: Decoration[] = [];
  const size = state.doc.content.size;
  for (const t of threads) {
    const from = t.from ? fromBase64(t.from) : null;
    const to = t.to ? fromBase64(t.to) : null;
    const range = binding && from && to ? resolveAnchor(binding.doc, binding.type, binding.mapping, { from, to }) : null;
    const ok = range && range.to <= size ? range : null;
    ranges.set(t.id, ok);
    if (ok && !t.resolved) {
      decos.push(
        Decoration.inline(ok.from, ok.to, {
          class: t.id === active ? "inline-comment inline-comment-active" : "inline-comment",
          "data-thread-id": String(t.id),
          // Styled here rather than in globals.css: the highlight is this module's alone.
          style: `background-color: rgb(250 204 21 / ${t.id === active ? 0.55 : 0.3}); border-bottom: 2px solid rgb(202 138 4)`,
        }),
      );
    }
  }
  return { ranges, decorations: DecorationSet.create(state.doc, decos) };
}

export function inlineCommentsPlugin(): Plugin<State> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return new Plugin<State>({
    key: inlineCommentsKey,
    state: {
      init: (_config, state) => ({ threads: [], active: null, ...build(state, [], null) }),
      apply(tr: Transaction, old: State, _oldState: EditorState, state: EditorState): State {
        const meta = tr.getMeta(inlineCommentsKey) as Meta | undefined;
        const remote = (tr.getMeta(ySyncPluginKey) as { isChangeOrigin?: boolean } | undefined)?.isChangeOrigin;
        if (meta || remote) {
          const threads = meta?.threads ?? old.threads;
          const active = meta?.active !== undefined ? meta.active : old.active;
          return { threads, active, ...build(state, threads, active) };
        }
        if (!tr.docChanged) return old;
        const ranges = new Map<number, Range | null>();
        for (const [id, r] of old.ranges) ranges.set(id, r && { from: tr.mapping.map(r.from, 1), to: tr.mapping.map(r.to, -1) });
        return { ...old, ranges, decorations: old.decorations.map(tr.mapping, tr.doc) };
      },
    },
    props: { decorations: (state) => inlineCommentsKey.getState(state)?.decorations },
    view: () => ({
      update(view: EditorView, prev: EditorState) {
        if (view.state.doc === prev.doc) return;
        clearTimeout(timer);
        timer = setTimeout(() => {
          if (!view.isDestroyed) view.dispatch(view.state.tr.setMeta(inlineCommentsKey, { refresh: true }).setMeta("addToHistory", false));
        }, 250);
      },
      destroy: () => clearTimeout(timer),
    }),
  });
}
