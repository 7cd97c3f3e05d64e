import type { Editor } from "@tiptap/core";

/**
 * How the toolbar's Comment button reaches the margin of the same editor without either knowing
 * the other's props: the margin registers itself for its editor while mounted (live sessions only).
 */
const starters = new WeakMap<Editor, () => void>();

export function registerCommentStarter(editor: Editor, start: () => void): () => void {
  starters.set(editor, start);
  return () => {
    if (starters.get(editor) === start) starters.delete(editor);
  };
}

export const commentStarter = (editor: Editor): (() => void) | null => starters.get(editor) ?? null;
