"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";

import { saveVersionAction } from "@/app/(newsroom)/newsroom/articles/actions";

import type { EditorSession } from "./editor-session";

/** Cuts a named revision of exactly what is on screen: pending changes are saved first. */
export function SaveVersionButton({ articleId, flush }: { articleId: string; flush: EditorSession["flush"] }) {
  const t = useTranslations("editor.version");
  const [note, setNote] = useState("");
  const [message, setMessage] = useState("");
  const [busy, setBusy] = useState(false);
  const run = async () => {
    setBusy(true);
    setMessage("");
    try {
      const flushed = await flush();
      if (!flushed.ok) return setMessage(flushed.message);
      const r = await saveVersionAction({ articleId, note: note || undefined });
      if (!r.ok) return setMessage(r.message);
      setMessage(t("saved", { number: r.data.number }));
      setNote("");
    } catch {
      setMessage(t("failed"));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="flex items-center gap-2">
      <label htmlFor="version-note" className="sr-only">
        {t("note")}
      </label>
      <input
        id="version-note"
        value={note}
        maxLength={500}
        onChange={(e) => setNote(e.target.value)}
        placeholder={t("placeholder")}
        className="w-40 rounded border border-neutral-400 px-2 py-1 text-sm dark:bg-neutral-900"
      />
      <button type="button" onClick={run} disabled={busy} className="rounded border border-neutral-400 px-3 py-1 text-sm disabled:opacity-50">
        {t("save")}
      </button>
      <span aria-live="polite" className="text-sm">
        {message}
      </span>
    </div>
  );
}
