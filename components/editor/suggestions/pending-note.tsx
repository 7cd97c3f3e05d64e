"use client";

import { useTranslations } from "next-intl";

import { usePendingSuggestions } from "./pending";

/** "3 pending suggestions" in the sidebar: the live document's count, else the stored copy's. */
export function PendingSuggestionsNote({ stored }: { stored: number }) {
  const t = useTranslations("suggestions");
  const count = usePendingSuggestions(stored);
  // A plain note, not a live region: the sidebar's one status line is the workflow's answer.
  if (count === 0) return null;
  return (
    <p data-testid="pending-suggestions" className="mt-1">
      {t("pending", { count })}
    </p>
  );
}
