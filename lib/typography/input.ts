/**
 * Typography as you type in plain inputs and textareas (headline, dek, key points), on the same
 * rules as the body (./rules.ts). The browser inserts the typed character first; the substitution
 * is then a change of its own, so the first Ctrl+Z gives back exactly what was typed.
 */
import { substitute, type TypographyLanguage } from "./rules";

/** Replace `value.slice(from, to)` by `insert`; the caret goes after `insert`. */
export type InputEdit = { from: number; to: number; insert: string };

/**
 * The substitution for the character `typed` that the browser just inserted before `caret` in
 * `value`, or null. The rules see the text of the current line only (a textarea's line is its paragraph).
 */
export function inputSubstitution(language: TypographyLanguage, value: string, caret: number, typed: string): InputEdit | null {
  if ([...typed].length !== 1 || caret < typed.length || value.slice(caret - typed.length, caret) !== typed) return null;
  const at = caret - typed.length;
  const lineStart = value.lastIndexOf("\n", at - 1) + 1;
  const before = value.slice(Math.max(lineStart, at - 300), at);
  const sub = substitute(language, before, typed);
  if (!sub) return null;
  return { from: at - sub.deleteBefore, to: caret, insert: sub.insert };
}

/** What a field holds after typing `text` at its end, one character at a time (tests). */
export function typeIntoInput(language: TypographyLanguage, text: string, start = ""): string {
  let value = start;
  for (const ch of text) {
    value += ch;
    const edit = inputSubstitution(language, value, value.length, ch);
    if (edit) value = value.slice(0, edit.from) + edit.insert + value.slice(edit.to);
  }
  return value;
}
