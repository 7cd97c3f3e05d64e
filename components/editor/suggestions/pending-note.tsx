"use client";

import { useTranslations } from "next-intl";

import { usePendingSuggestions } from "./pending";

/** "3 pending suggestions" in the sidebar: the live document's count, else the stored copy's. */
export function PendingSuggestionsNote({ stored }: { stored: number }) {
  const t = useTranslations("suggestions");
  const count = usePendingSuggestions(stored);
  return (
    <p role="status" data-testid="pending-suggestions" className="mt-1">
      {count > 0 ? t("pending", { count }) : null}
    </p>
  );
}
