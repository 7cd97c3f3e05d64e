/** The words every page uses for an embargo still running (pure: safe in previews and client code). */
import { createTranslator } from "use-intl/core";

import { now as clockNow } from "@/lib/clock";
import { MESSAGES, type AppLocale } from "@/lib/i18n/messages";
import { dateLocaleOf, formatInZone } from "@/lib/workflow/time-zone";

/** "Embargoed until 1 Dec 2026, 09:00 (Europe/Paris)", or null when there is none or it has passed. */
export function embargoNotice(article: { embargoUntil: Date | null }, timeZone: string, now: Date = clockNow()): string | null {
  const until = article.embargoUntil;
  if (!until || until <= now) return null;
  return `Embargoed until ${formatInZone(until, timeZone)} (${timeZone})`;
}

/** "2 d 3 h", "4 h 05 min", "12 min": how long until the embargo ends. */
export function embargoTimeLeft(until: Date, now: Date = clockNow()): string {
  const minutes = Math.max(0, Math.ceil((until.getTime() - now.getTime()) / 60_000));
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return `${hours} h ${String(minutes % 60).padStart(2, "0")} min`;
  return `${Math.floor(hours / 24)} d ${hours % 24} h`;
}

/** embargoNotice in an interface language: "Sous embargo jusqu’au 1 déc. 2026, 09:00 (Europe/Paris)". */
export function embargoNoticeIn(locale: AppLocale, article: { embargoUntil: Date | null }, timeZone: string, now: Date = clockNow()): string | null {
  const until = article.embargoUntil;
  if (!until || until <= now) return null;
  const t = createTranslator({ locale, messages: MESSAGES[locale], namespace: "workflow.embargo" });
  return t("notice", { when: formatInZone(until, timeZone, dateLocaleOf(locale)), timeZone });
}

/** Whole minutes (rounded up) until the embargo ends, for the "… left" texts (lib/workflow/duration.ts). */
export function embargoMinutesLeft(until: Date, now: Date = clockNow()): number {
  return Math.max(0, Math.ceil((until.getTime() - now.getTime()) / 60_000));
}
