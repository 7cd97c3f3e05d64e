/**
 * The two suggestion marks of the article schema (track changes): a suggested insertion and a
 * suggested deletion, each with who made it and when. Shared by the editor, the server validator
 * and the renderer (no JSX, no browser API). Readers never see them: public output goes through
 * `publicBody` (lib/rich-text/suggestions.ts), which drops pending insertions and keeps pending
 * deletions as plain text.
 */
import { Mark, mergeAttributes } from "@tiptap/core";

export const INSERTION = "insertion";
export const DELETION = "deletion";

export type SuggestionAttrs = { id: string; authorId: string; authorName: string; at: string };

function suggestionAttributes() {
  const attr = (name: string) => ({
    default: null,
    renderHTML: (attrs: Record<string, unknown>) => (attrs[name] == null ? {} : { [`data-${name}`]: String(attrs[name]) }),
  });
  return { id: attr("id"), authorId: attr("authorId"), authorName: attr("authorName"), at: attr("at") };
}

/** Not inclusive: text typed right after a suggestion is marked by whoever types it. */
export const SuggestionInsertion = Mark.create({
  name: INSERTION,
  inclusive: false,
  excludes: `${INSERTION} ${DELETION}`,
  addAttributes: suggestionAttributes,
  // Never read from pasted HTML: a suggestion is made by typing with Suggest on, not forged.
  parseHTML: () => [],
  renderHTML: ({ HTMLAttributes }) => [
    "ins",
    mergeAttributes(HTMLAttributes, {
      class: "suggestion-insertion bg-green-100 text-green-950 underline decoration-green-700 dark:bg-green-950 dark:text-green-100",
    }),
    0,
  ],
});

export const SuggestionDeletion = Mark.create({
  name: DELETION,
  inclusive: false,
  excludes: `${INSERTION} ${DELETION}`,
  addAttributes: suggestionAttributes,
  parseHTML: () => [],
  renderHTML: ({ HTMLAttributes }) => [
    "del",
    mergeAttributes(HTMLAttributes, { class: "suggestion-deletion bg-red-100 text-red-950 line-through decoration-red-700 dark:bg-red-950 dark:text-red-100" }),
    0,
  ],
});
