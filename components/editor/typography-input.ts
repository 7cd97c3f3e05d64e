/**
 * Typography as you type (lib/typography/input.ts) for the editor's plain fields. Attach with a
 * callback ref: `ref={typographyRef(options)}`. The browser inserts the typed character, then the
 * substitution replaces it as a separate editing command (execCommand keeps the field's native undo
 * history): Ctrl/Cmd+Z first gives back the character as typed, then undoes the typing. Nothing
 * happens while composing (IME), on paste or drop, or when the user's switch is off.
 */
import { inputSubstitution } from "@/lib/typography/input";
import { typographyLanguage } from "@/lib/typography/rules";

export type InputTypographyOptions = {
  /** Read at every keystroke: the article's language can change while writing. */
  language: () => string;
  enabled: () => boolean;
};

export function attachTypography(el: HTMLInputElement | HTMLTextAreaElement, options: InputTypographyOptions): () => void {
  let applying = false;
  const onInput = (event: Event) => {
    const e = event as InputEvent;
    if (applying || e.inputType !== "insertText" || e.isComposing || !e.data || !options.enabled()) return;
    const language = typographyLanguage(options.language());
    const caret = el.selectionStart;
    if (!language || caret === null || caret !== el.selectionEnd) return;
    const edit = inputSubstitution(language, el.value, caret, e.data);
    if (!edit) return;
    const expected = el.value;
    // After this input event has been handled (React has taken the typed value): a command of its own.
    queueMicrotask(() => {
      if (el.value !== expected || el.selectionStart !== caret || el.selectionEnd !== caret) return;
      applying = true;
      try {
        el.setSelectionRange(edit.from, edit.to);
        const done = edit.insert ? document.execCommand("insertText", false, edit.insert) : document.execCommand("delete");
        if (!done) {
          el.setRangeText(edit.insert, edit.from, edit.to, "end");
          el.dispatchEvent(new InputEvent("input", { bubbles: true, inputType: "insertReplacementText", data: edit.insert }));
        }
      } finally {
        applying = false;
      }
    });
  };
  el.addEventListener("input", onInput);
  return () => el.removeEventListener("input", onInput);
}

/** A React 19 callback ref (with cleanup) that attaches typography to the element. */
export function typographyRef(options: InputTypographyOptions | undefined) {
  return (el: HTMLInputElement | HTMLTextAreaElement | null) => (el && options ? attachTypography(el, options) : undefined);
}
