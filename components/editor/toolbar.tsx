"use client";

import type { Transaction } from "@tiptap/pm/state";
import type { Editor } from "@tiptap/react";
import { ySyncPluginKey } from "@tiptap/y-tiptap";
import { useTranslations } from "next-intl";
import { useRef, useSyncExternalStore } from "react";

import { afterTask } from "./after-task";
import { CommentButton } from "./comments/comment-button";
import { commentStarter } from "./comments/registry";
import { isSuggesting } from "./suggestions/extension";
import { SuggestToggle } from "./suggestions/panel";

type ToolbarProps = { editor: Editor; disabled: boolean; onLink: () => void; onImage: () => void };

const btn =
  "min-w-8 rounded px-2 py-1 text-sm hover:bg-neutral-200 aria-pressed:bg-neutral-900 aria-pressed:text-white disabled:opacity-40 dark:hover:bg-neutral-800 dark:aria-pressed:bg-neutral-100 dark:aria-pressed:text-neutral-900";

type ToolbarState = ReturnType<typeof readToolbar>;

function readToolbar(e: Editor) {
  return {
    h2: e.isActive("heading", { level: 2 }),
    h3: e.isActive("heading", { level: 3 }),
    h4: e.isActive("heading", { level: 4 }),
    bold: e.isActive("bold"),
    italic: e.isActive("italic"),
    strike: e.isActive("strike"),
    link: e.isActive("link"),
    bullet: e.isActive("bulletList"),
    ordered: e.isActive("orderedList"),
    quote: e.isActive("blockquote"),
    undo: e.can().undo(),
    redo: e.can().redo(),
    suggesting: isSuggesting(e.state),
    // Inline comments (live sessions): a selection to comment on.
    commentable: commentStarter(e) !== null,
    comment: commentStarter(e) !== null && !e.state.selection.empty,
  };
}

const sameState = (a: ToolbarState, b: ToolbarState) => (Object.keys(a) as (keyof ToolbarState)[]).every((k) => a[k] === b[k]);

/**
 * The toolbar's pressed and enabled states, re-read after this person's transactions only: other
 * people's changes (the live session's remote transactions, up to dozens a second) never change
 * the marks at this person's caret or their own undo history, and reading them costs a keystroke's
 * time on a long article. Read right after the keystroke's task (after-task.ts), once for a burst;
 * re-renders only when a state changes.
 */
function useToolbarState(editor: Editor): ToolbarState {
  const current = useRef<ToolbarState | null>(null);
  return useSyncExternalStore(
    (notify) => {
      const later = afterTask(() => {
        if (editor.isDestroyed) return;
        const next = readToolbar(editor);
        if (current.current && sameState(current.current, next)) return;
        current.current = next;
        notify();
      });
      const reread = ({ transaction }: { transaction: Transaction }) => {
        if (!(transaction.getMeta(ySyncPluginKey) as { isChangeOrigin?: boolean } | undefined)?.isChangeOrigin) later.schedule();
      };
      editor.on("transaction", reread);
      return () => {
        later.cancel();
        editor.off("transaction", reread);
      };
    },
    () => (current.current ??= readToolbar(editor)),
    () => (current.current ??= readToolbar(editor)),
  );
}

/** Re-renders only when the active marks and nodes change, not on every keystroke. */
export function Toolbar({ editor, disabled, onLink, onImage }: ToolbarProps) {
  const t = useTranslations("editor.toolbar");
  const s = useToolbarState(editor);
  const chain = () => editor.chain().focus();
  // aria-keyshortcuts keeps the standard names; the tooltip says them as the reader's keyboard does (Maj, Ctrl).
  const keysShown = (keys: string) =>
    keys
      .split("+")
      .map((k) => (k === "Control" || k === "Alt" || k === "Shift" ? t(`keyNames.${k}`) : k))
      .join("+");
  const items: { key: string; label: string; text: string; pressed?: boolean; run: () => void; enabled?: boolean; keys?: string }[] = [
    {
      key: "heading2",
      label: t("heading2"),
      text: t("glyphs.heading2"),
      pressed: s.h2,
      run: () => chain().toggleHeading({ level: 2 }).run(),
      keys: "Control+Alt+2",
    },
    {
      key: "heading3",
      label: t("heading3"),
      text: t("glyphs.heading3"),
      pressed: s.h3,
      run: () => chain().toggleHeading({ level: 3 }).run(),
      keys: "Control+Alt+3",
    },
    {
      key: "heading4",
      label: t("heading4"),
      text: t("glyphs.heading4"),
      pressed: s.h4,
      run: () => chain().toggleHeading({ level: 4 }).run(),
      keys: "Control+Alt+4",
    },
    { key: "bold", label: t("bold"), text: t("glyphs.bold"), pressed: s.bold, run: () => chain().toggleBold().run(), keys: "Control+B" },
    { key: "italic", label: t("italic"), text: t("glyphs.italic"), pressed: s.italic, run: () => chain().toggleItalic().run(), keys: "Control+I" },
    { key: "strike", label: t("strike"), text: t("glyphs.strike"), pressed: s.strike, run: () => chain().toggleStrike().run(), keys: "Control+Shift+S" },
    { key: "link", label: t("link"), text: t("linkText"), pressed: s.link, run: onLink, keys: "Control+K" },
    { key: "bullet", label: t("bullet"), text: "•", pressed: s.bullet, run: () => chain().toggleBulletList().run(), keys: "Control+Shift+8" },
    { key: "ordered", label: t("ordered"), text: "1.", pressed: s.ordered, run: () => chain().toggleOrderedList().run(), keys: "Control+Shift+7" },
    { key: "quote", label: t("quote"), text: "❝", pressed: s.quote, run: () => chain().toggleBlockquote().run(), keys: "Control+Shift+B" },
    { key: "rule", label: t("rule"), text: "―", run: () => chain().setHorizontalRule().run() },
    { key: "image", label: t("image"), text: t("imageText"), run: onImage },
    { key: "undo", label: t("undo"), text: "↶", run: () => chain().undo().run(), enabled: s.undo, keys: "Control+Z" },
    { key: "redo", label: t("redo"), text: "↷", run: () => chain().redo().run(), enabled: s.redo, keys: "Control+Shift+Z" },
  ];
  return (
    <div
      role="toolbar"
      aria-label={t("label")}
      aria-controls="article-body"
      className="sticky top-0 z-10 flex flex-wrap gap-1 border-b border-neutral-300 bg-white p-1 dark:border-neutral-700 dark:bg-neutral-950"
    >
      {items.map((item) => (
        <button
          key={item.key}
          type="button"
          // A visible text of letters or digits ("H2", "1.") begins the name, so those who speak or
          // see the button's text can find it by it (WCAG 2.5.3, label in name).
          aria-label={/[\p{L}\d]{2}|\d/u.test(item.text) && !item.label.includes(item.text) ? `${item.text} — ${item.label}` : item.label}
          title={item.keys ? t("withKeys", { label: item.label, keys: keysShown(item.keys) }) : item.label}
          aria-keyshortcuts={item.keys}
          aria-pressed={item.pressed === undefined ? undefined : item.pressed}
          disabled={disabled || item.enabled === false}
          onMouseDown={(e) => e.preventDefault()}
          onClick={item.run}
          className={btn}
        >
          <span
            aria-hidden="true"
            className={item.key === "bold" ? "font-bold" : item.key === "italic" ? "italic" : item.key === "strike" ? "line-through" : ""}
          >
            {item.text}
          </span>
        </button>
      ))}
      <CommentButton editor={editor} enabled={s.comment} className={btn} />
      {editor.extensionManager.extensions.some((x) => x.name === "suggestions") && (
        <SuggestToggle editor={editor} on={s.suggesting} disabled={disabled} className={`${btn} ml-auto`} />
      )}
    </div>
  );
}
