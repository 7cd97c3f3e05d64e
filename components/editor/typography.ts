/**
 * Typography as you type (lib/typography/rules.ts) in the editor. Each substitution is its own
 * change that Ctrl/Cmd+Z reverts first: one undo gives back the character as typed, the next one
 * undoes the typing as usual. Nothing happens in code, while composing (IME), or when turned off.
 */
import { Extension } from "@tiptap/core";
import { Plugin, PluginKey, type EditorState, type Transaction } from "@tiptap/pm/state";

import { substitute, typographyLanguage } from "@/lib/typography/rules";

export type TypographyOptions = {
  /** Read at every keystroke: the article's language can change while writing. */
  language: () => string;
  enabled: () => boolean;
};

type LastSubstitution = { from: number; to: number; typed: string } | null;
const typographyKey = new PluginKey<LastSubstitution>("typography");

function inCode(state: EditorState, pos: number): boolean {
  const $pos = state.doc.resolve(pos);
  if ($pos.parent.type.spec.code) return true;
  return (state.storedMarks ?? $pos.marks()).some((m) => m.type.spec.code);
}

/** The substitution for `text` typed over from..to, or null to let the browser insert it. */
export function typographyTransaction(state: EditorState, from: number, to: number, text: string, options: TypographyOptions): Transaction | null {
  if (!options.enabled() || [...text].length !== 1) return null;
  const language = typographyLanguage(options.language());
  if (!language || inCode(state, from)) return null;
  const $from = state.doc.resolve(from);
  if (!$from.parent.isTextblock) return null;
  const before = $from.parent.textBetween(Math.max(0, $from.parentOffset - 300), $from.parentOffset, undefined, "\uFFFC");
  const sub = substitute(language, before, text);
  if (!sub) return null;
  const start = from - sub.deleteBefore;
  const typed = state.doc.textBetween(start, from) + text;
  const tr = sub.insert ? state.tr.insertText(sub.insert, start, to) : state.tr.delete(start, to);
  return tr.setMeta(typographyKey, { from: start, to: start + sub.insert.length, typed }).scrollIntoView();
}

/** Puts back what was typed in place of the last substitution; false when there is none to revert. */
export function revertTypography(state: EditorState, dispatch?: (tr: Transaction) => void): boolean {
  const last = typographyKey.getState(state);
  if (!last) return false;
  dispatch?.(state.tr.insertText(last.typed, last.from, last.to).setMeta(typographyKey, null));
  return true;
}

export const Typography = Extension.create<TypographyOptions>({
  name: "typography",
  // Above the history keymap (100), so Mod-z reaches the revert first.
  priority: 1000,
  addOptions() {
    return { language: () => "", enabled: () => false };
  },
  addKeyboardShortcuts() {
    return { "Mod-z": ({ editor }) => revertTypography(editor.state, editor.view.dispatch) };
  },
  addProseMirrorPlugins() {
    const options = this.options;
    return [
      new Plugin<LastSubstitution>({
        key: typographyKey,
        state: {
          init: () => null,
          apply(tr, last) {
            const meta = tr.getMeta(typographyKey) as LastSubstitution | undefined;
            if (meta !== undefined) return meta;
            return tr.docChanged || tr.selectionSet ? null : last;
          },
        },
        props: {
          handleTextInput(view, from, to, text) {
            if (view.composing) return false;
            const tr = typographyTransaction(view.state, from, to, text, options);
            if (!tr) return false;
            view.dispatch(tr);
            return true;
          },
        },
      }),
    ];
  },
});
