"use client";

import { useFormatter, useTranslations } from "next-intl";
import { useState, useSyncExternalStore } from "react";

import { getWorkingCopyAction } from "@/app/(newsroom)/newsroom/articles/actions";
import type { ConflictInfo } from "@/lib/articles/editing";

import type { AutosaveController, LocalDraft, SaveStatus } from "./autosave";

/** Hours and minutes, 24-hour clock in both languages ("Saved at 14:32", « Enregistré à 14:32 »). */
export const CLOCK = { hour: "2-digit", minute: "2-digit", hourCycle: "h23" } as const;

/** The save status in words, in the interface language. */
export function useStatusText(): (s: SaveStatus) => string {
  const t = useTranslations("editor.status");
  const format = useFormatter();
  return (s) => {
    switch (s.kind) {
      case "idle":
        return t("idle");
      case "dirty":
        return t("dirty");
      case "saving":
        return t("saving");
      case "saved":
        return t("saved", { time: format.dateTime(s.at, CLOCK) });
      case "offline":
        return t("offline");
      case "retrying":
        return t("retrying", { message: s.message, seconds: s.inSeconds });
      case "invalid":
      case "blocked":
        return s.message;
      case "conflict":
        return t("conflict");
    }
  };
}

export function useSaveStatus(ctl: AutosaveController): SaveStatus {
  return useSyncExternalStore(ctl.subscribe, ctl.getStatus, ctl.getStatus);
}

export function StatusLine({ ctl }: { ctl: AutosaveController }) {
  const status = useSaveStatus(ctl);
  const statusText = useStatusText();
  const bad = ["offline", "retrying", "invalid", "blocked", "conflict"].includes(status.kind);
  return (
    <p
      role="status"
      aria-live="polite"
      data-testid="save-status"
      className={`text-sm ${bad ? "font-semibold text-red-700 dark:text-red-400" : "text-neutral-700 dark:text-neutral-300"}`}
    >
      {statusText(status)}
    </p>
  );
}

type ConflictBannerProps = { articleId: string; current: ConflictInfo; onCopy: () => Promise<string | null>; onReload: () => void };

/** A stale save never overwrites: the writer chooses what happens to their text. */
export function ConflictBanner({ articleId, current, onCopy, onReload }: ConflictBannerProps) {
  const t = useTranslations("editor.conflict");
  const format = useFormatter();
  const [other, setOther] = useState<{ headline: string; dek: string; highlights: string[]; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState("");
  const who = current.updatedByName ?? t("someoneElse");
  return (
    <section
      role="alert"
      aria-labelledby="conflict-title"
      className="rounded border-2 border-amber-600 bg-amber-50 p-3 text-amber-950 dark:bg-amber-950 dark:text-amber-50"
    >
      <h2 id="conflict-title" className="font-semibold">
        {t("title", { who })}
      </h2>
      <p className="text-sm">{t("body", { time: format.dateTime(new Date(current.updatedAt), CLOCK) })}</p>
      <div className="mt-2 flex flex-wrap gap-2">
        <button
          type="button"
          className="rounded border border-amber-700 px-3 py-1 text-sm"
          onClick={async () => {
            const r = await getWorkingCopyAction(articleId).catch(() => null);
            if (r && r.ok) setOther(r.data);
            else setError(t("otherFailed"));
          }}
        >
          {t("seeOther")}
        </button>
        <button
          type="button"
          disabled={busy}
          className="rounded border border-amber-700 px-3 py-1 text-sm"
          onClick={async () => {
            setBusy(true);
            const problem = await onCopy();
            setBusy(false);
            if (problem) setError(problem);
          }}
        >
          {t("keepMine")}
        </button>
        <button type="button" className="rounded bg-amber-700 px-3 py-1 text-sm text-white" onClick={onReload}>
          {t("reload")}
        </button>
      </div>
      {error && <p className="mt-1 text-sm font-semibold">{error}</p>}
      {other && (
        <div
          aria-label={t("other")}
          role="region"
          className="mt-3 max-h-80 overflow-auto rounded bg-white p-3 text-neutral-900 dark:bg-neutral-900 dark:text-neutral-100"
        >
          <h3 className="font-serif text-lg font-bold">{other.headline || t("noHeadline")}</h3>
          {other.dek && <p className="italic">{other.dek}</p>}
          {other.highlights.length > 0 && (
            <ul className="list-disc pl-5 text-sm">
              {other.highlights.map((h, i) => (
                <li key={i}>{h}</li>
              ))}
            </ul>
          )}
          <div className="mt-2 whitespace-pre-line text-sm">{other.text}</div>
        </div>
      )}
    </section>
  );
}

export function RestoreOffer({ draft, onRestore, onDiscard }: { draft: LocalDraft; onRestore: () => void; onDiscard: () => void }) {
  const t = useTranslations("editor.restore");
  const format = useFormatter();
  return (
    <section
      role="alert"
      aria-labelledby="restore-title"
      className="rounded border-2 border-blue-700 bg-blue-50 p-3 text-blue-950 dark:bg-blue-950 dark:text-blue-50"
    >
      <h2 id="restore-title" className="font-semibold">
        {t("title")}
      </h2>
      <p className="text-sm">{t("body", { at: format.dateTime(new Date(draft.at), { dateStyle: "short", timeStyle: "short", hourCycle: "h23" }) })}</p>
      <div className="mt-2 flex gap-2">
        <button type="button" onClick={onRestore} className="rounded bg-blue-800 px-3 py-1 text-sm text-white">
          {t("restore")}
        </button>
        <button type="button" onClick={onDiscard} className="rounded border border-blue-800 px-3 py-1 text-sm">
          {t("discard")}
        </button>
      </div>
    </section>
  );
}

export function PresenceNote({ others }: { others: { id: string; name: string }[] }) {
  const t = useTranslations("editor.presence");
  if (!others.length) return null;
  const names = others.map((o) => o.name);
  const list = names.length === 1 ? names[0] : `${names.slice(0, -1).join(", ")}${t("and")}${names.at(-1)}`;
  return (
    <p role="status" className="rounded bg-violet-100 px-2 py-1 text-sm text-violet-950 dark:bg-violet-950 dark:text-violet-100">
      {t("alsoEditing", { names: list, count: names.length })}
    </p>
  );
}
