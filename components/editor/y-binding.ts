/**
 * Costs of @tiptap/y-tiptap 3.0.9's ProseMirror binding that grow with the article or with the
 * number of people, paid on every change another person makes (found with the co-editing bench's
 * page profile, `BENCH_PAGE_PROFILE`: a 10,000-word article with ten people typing):
 *
 * 1. `_typeChanged` clears its whole Yjs → ProseMirror node cache before rebuilding the document
 *    (added upstream for block moves), so each remote keystroke rebuilds every paragraph from
 *    Yjs and ProseMirror then compares every paragraph to redraw one. y-prosemirror (which
 *    y-tiptap forks) only drops the changed types and their parents, which it does here too.
 *    The cache is now cleared only for a change of structure (blocks added, removed or moved);
 *    an edit of text, marks or attributes keeps it.
 * 2. Before dispatching a remote change it asks whether the local caret is on screen (a forced
 *    layout of the whole editor) and, if so, scrolls to it (a second one). The browser's own
 *    scroll anchoring already keeps what the reader sees in place when text above it grows, so
 *    a remote change no longer scrolls; local typing still does (ProseMirror's own scroll).
 * 3. Remote changes are ProseMirror transactions that replace the whole document, so Tiptap's
 *    autolink plugin scanned the whole article for addresses on each. The binding's transactions
 *    now carry `preventAutolink`: what another person typed was autolinked in their editor, and
 *    the link is in the shared document.
 * 4. After each remote change, the caret plugin (yCursorPlugin) re-sends this person's caret to
 *    everyone even when it has not moved in the text, so one keystroke by anyone made every
 *    other person's caret travel to all the others too (ten people: ten times the traffic, and
 *    every client redrew every caret). `withQuietCarets` keeps that re-send for changes of
 *    structure only; a caret that moved in the text is still sent, as always.
 *
 * Patched on the class, once, before any binding is made (the binding binds `_typeChanged` in its
 * constructor). Snapshots (the other user of `_typeChanged`) are not used by Newsroom.
 */
import { Plugin, type EditorState } from "@tiptap/pm/state";
import type { EditorView } from "@tiptap/pm/view";
import { ProsemirrorBinding, ySyncPluginKey } from "@tiptap/y-tiptap";
import * as Y from "yjs";

import { afterTask } from "./after-task";

type Binding = { mapping: Map<unknown, unknown> };
/** Whether the last remote change each binding applied changed the structure. */
const lastStructural = new WeakMap<object, boolean>();
type TypeChanged = (this: Binding, events: Y.YEvent<Y.AbstractType<unknown>>[], transaction: Y.Transaction) => void;
type Proto = { _typeChanged: TypeChanged; _isLocalCursorInView: () => boolean; __newsroom?: true };
type WithView = { prosemirrorView: EditorView };

/** Whether a Yjs transaction added, removed or moved blocks (a child list of an element or the root changed). */
export function changesStructure(transaction: Y.Transaction): boolean {
  for (const [type, keys] of transaction.changed) if (!(type instanceof Y.XmlText) && keys.has(null)) return true;
  return false;
}

export function patchYBinding(): void {
  const proto = ProsemirrorBinding.prototype as unknown as Proto;
  if (proto.__newsroom) return;
  proto.__newsroom = true;
  const typeChanged = proto._typeChanged;
  proto._typeChanged = function (events, transaction) {
    const structural = changesStructure(transaction);
    lastStructural.set(this, structural);
    if (structural) return typeChanged.call(this, events, transaction);
    const mapping = this.mapping as Map<unknown, unknown> & { clear: () => void };
    mapping.clear = () => undefined;
    try {
      typeChanged.call(this, events, transaction);
    } finally {
      delete (mapping as Partial<typeof mapping>).clear;
    }
  };
  proto._isLocalCursorInView = () => false;
  Object.defineProperty(proto, "_tr", {
    configurable: true,
    get(this: WithView) {
      return this.prosemirrorView.state.tr.setMeta("addToHistory", false).setMeta("preventAutolink", true);
    },
  });
}

/**
 * The caret plugin, re-sending this person's caret after another person's change only when that
 * change was one of structure (4. above); after this person's own keystrokes, the caret is read
 * and sent right after the keystroke's task (after-task.ts), once for a burst, not inside it.
 */
export function withQuietCarets(plugin: Plugin): Plugin {
  const makeView = plugin.spec.view;
  if (!makeView) return plugin;
  return new Plugin({
    ...plugin.spec,
    view: (editorView) => {
      const inner = makeView(editorView);
      const later = afterTask(() => {
        if (!editorView.isDestroyed) inner.update?.(editorView, editorView.state);
      });
      return {
        ...inner,
        update: (view: EditorView, prev: EditorState) => {
          const sync = ySyncPluginKey.getState(view.state) as { isChangeOrigin?: boolean; binding?: object } | undefined;
          if (!sync?.isChangeOrigin) return later.schedule();
          // The plugin re-sends when it sees a remote change that altered the document: show it none.
          const quiet = sync.binding && lastStructural.get(sync.binding) === false;
          inner.update?.(view, quiet ? view.state : prev);
        },
        destroy: () => {
          later.cancel();
          inner.destroy?.();
        },
      };
    },
  });
}
