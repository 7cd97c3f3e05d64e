import { createTranslator } from "use-intl/core";

import { MESSAGES, type AppLocale } from "@/lib/i18n/messages";

import type { DurationParts } from "./duration";

/** "4 h 05 min", "2 d 3 h" (English), "2 j 3 h" (French): a duration in the reader's words. */
export function durationText(locale: AppLocale, p: DurationParts): string {
  const t = createTranslator({ locale, messages: MESSAGES[locale], namespace: "workflow.duration" });
  switch (p.key) {
    case "minutes":
      return t("minutes", { m: p.m });
    case "hours":
      return t("hours", { h: p.h, mm: p.mm });
    case "days":
      return t("days", { d: p.d, h: p.h });
  }
}
