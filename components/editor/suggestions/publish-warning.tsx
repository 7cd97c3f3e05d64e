"use client";

import { useTranslations } from "next-intl";
import { useEffect, useRef } from "react";

type Props = { count: number; pending: boolean; onConfirm: () => void; onCancel: () => void };

/** Shown when Publish is pressed while suggestions are pending: the editor publishes anyway or goes back. */
export function PublishWarning({ count, pending, onConfirm, onCancel }: Props) {
  const t = useTranslations("suggestions");
  const confirm = useRef<HTMLButtonElement>(null);
  useEffect(() => confirm.current?.focus(), []);
  return (
    <div
      role="alertdialog"
      aria-labelledby="publish-suggestions-warning"
      className="mt-2 rounded border border-amber-600 bg-amber-50 p-3 text-sm text-amber-950 dark:bg-amber-950 dark:text-amber-100"
    >
      <p id="publish-suggestions-warning">{t("publishWarning", { count })}</p>
      <div className="mt-2 flex gap-2">
        <button
          ref={confirm}
          type="button"
          disabled={pending}
          onClick={onConfirm}
          className="rounded bg-neutral-900 px-3 py-1.5 text-sm font-medium text-white disabled:opacity-60 dark:bg-neutral-100 dark:text-neutral-900"
        >
          {t("publishAnyway")}
        </button>
        <button type="button" onClick={onCancel} className="rounded border border-neutral-500 px-3 py-1.5 text-sm font-medium">
          {t("cancel")}
        </button>
      </div>
    </div>
  );
}
