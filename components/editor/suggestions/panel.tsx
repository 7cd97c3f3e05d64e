"use client";

import type { Editor } from "@tiptap/react";
import { useFormatter, useTranslations } from "next-intl";
import { useEffect, useState } from "react";

import { listSuggestions, type Suggestion } from "@/lib/rich-text/suggestions";

import { reportPendingSuggestions } from "./pending";

const btn = "rounded border border-neutral-500 px-2 py-0.5 text-sm hover:bg-neutral-100 disabled:opacity-50 dark:hover:bg-neutral-800";

/**
 * The pending suggestions of the live document, in document order, each with Accept and Reject;
 * Accept all / Reject all. Read from the editor after typing pauses (never per keystroke on a
 * long article). Deciding is an edit: disabled when the editor is read-only.
 */
export function SuggestionsPanel({ editor, editable }: { editor: Editor; editable: boolean }) {
  const t = useTranslations("suggestions");
  const format = useFormatter();
  const [items, setItems] = useState<Suggestion[]>(() => listSuggestions(editor.getJSON()));
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const read = () => {
      const list = listSuggestions(editor.getJSON());
      setItems(list);
      reportPendingSuggestions(list.length);
    };
    const update = () => {
      clearTimeout(timer);
      timer = setTimeout(read, 150);
    };
    read();
    editor.on("update", update);
    return () => {
      clearTimeout(timer);
      editor.off("update", update);
      reportPendingSuggestions(null);
    };
  }, [editor]);
  if (!items.length) return null;
  const chain = () => editor.chain().focus();
  return (
    <section aria-labelledby="suggestions-heading" className="mt-3 rounded border border-neutral-300 p-3 text-sm dark:border-neutral-700">
      <div className="flex flex-wrap items-center gap-2">
        <h2 id="suggestions-heading" className="mr-auto font-semibold">
          {t("heading")} <span className="font-normal">({t("pending", { count: items.length })})</span>
        </h2>
        <button type="button" className={btn} disabled={!editable} onClick={() => chain().acceptAllSuggestions().run()}>
          {t("acceptAll")}
        </button>
        <button type="button" className={btn} disabled={!editable} onClick={() => chain().rejectAllSuggestions().run()}>
          {t("rejectAll")}
        </button>
      </div>
      <ul className="mt-2 space-y-2">
        {items.map((s) => (
          <li key={`${s.kind}-${s.id}`} className="flex flex-wrap items-baseline gap-2">
            <span className="mr-auto">
              {t(s.kind, { name: s.authorName })}{" "}
              {s.kind === "insertion" ? (
                <ins className="bg-green-100 text-green-950 dark:bg-green-950 dark:text-green-100">{s.text}</ins>
              ) : (
                <del className="bg-red-100 text-red-950 dark:bg-red-950 dark:text-red-100">{s.text}</del>
              )}{" "}
              <time dateTime={s.at} className="text-neutral-600 dark:text-neutral-400">
                {format.dateTime(new Date(s.at), { hour: "2-digit", minute: "2-digit" })}
              </time>
            </span>
            <button type="button" className={btn} disabled={!editable} onClick={() => chain().acceptSuggestion(s.id).run()}>
              {t("accept")}
            </button>
            <button type="button" className={btn} disabled={!editable} onClick={() => chain().rejectSuggestion(s.id).run()}>
              {t("reject")}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** The Suggest toggle of the toolbar (only when the editor has the suggestions extension). */
export function SuggestToggle({ editor, on, disabled, className }: { editor: Editor; on: boolean; disabled: boolean; className: string }) {
  const t = useTranslations("suggestions");
  return (
    <button
      type="button"
      aria-pressed={on}
      title={t("suggestTitle")}
      disabled={disabled}
      onMouseDown={(e) => e.preventDefault()}
      onClick={() => editor.chain().focus().setSuggesting(!on).run()}
      className={className}
    >
      {t("suggest")}
    </button>
  );
}
