/** How the timeline and the activity log put an event in words. Pure: the events come from db/queries/timeline. */
import { createTranslator } from "use-intl/core";

import { MESSAGES, type AppLocale } from "@/lib/i18n/messages";

import { dateLocaleOf, formatInZone } from "./time-zone";

type Event = { type: string; fromStatus: string | null; toStatus: string | null; data: Record<string, unknown> };
type Words = ReturnType<typeof createTranslator<(typeof MESSAGES)["en"], "timeline.events">>;

const TRANSITIONS = ["submit", "withdraw", "request_changes", "approve", "publish", "publish_scheduled", "schedule", "unschedule", "unpublish"] as const;

/** "Claire Martin submitted for review", in the words of the buttons (English: the activity log's words). */
export function describeEvent(e: Event, timeZone = "UTC"): string {
  return describeEventIn("en", e, timeZone);
}

/** describeEvent in an interface language ("a soumis pour relecture"). */
export function describeEventIn(locale: AppLocale, e: Event, timeZone = "UTC"): string {
  const t: Words = createTranslator({ locale, messages: MESSAGES[locale], namespace: "timeline.events" });
  if (e.type === "article.transition") {
    // Older events (the demo seed) carry no action: infer it from the states.
    const action = String(e.data.action ?? inferAction(e.fromStatus, e.toStatus));
    if (action === "publish" && e.data.update) return t("publish_update");
    return (TRANSITIONS as readonly string[]).includes(action)
      ? t(action as (typeof TRANSITIONS)[number])
      : t("moved", { from: String(e.fromStatus), to: String(e.toStatus) });
  }
  const id = String(e.data.linkId ?? "?");
  const label = String(e.data.label ?? "");
  if (e.type === "article.created") return t("created");
  if (e.type === "article.authors_changed") return t("authorsChanged");
  if (e.type.startsWith("article.embargo_")) return embargoWords(t, locale, e.type, e.data, timeZone);
  if (e.type === "article.preview_shared") return t("previewShared", { id });
  if (e.type === "article.preview_revoked") return t("previewRevoked", { id });
  if (e.type === "article.preview_opened") return t("previewOpened", { id });
  if (e.type === "article.checklist_ticked") return t("checklistTicked", { label });
  if (e.type === "article.checklist_unticked") return t("checklistUnticked", { label });
  if (e.type === "article.checklist_cleared") return t("checklistCleared");
  // Other kinds (an edit, a restored version…) by their name in the catalogue, as the activity log says them.
  const words = createTranslator({ locale, messages: MESSAGES[locale], namespace: "log" });
  const key = `types.${e.type}` as Parameters<typeof words>[0];
  return words.has(key) ? words(key) : e.type.replace(/[._]/g, " ");
}

/** The action of an older transition event (the demo seed's), from its states. */
export function inferAction(from: string | null, to: string | null): string {
  if (to === "approved") return from === "scheduled" ? "unschedule" : "approve";
  if (to === "draft" && from === "in_review") return "withdraw";
  const byTarget: Record<string, string> = {
    in_review: "submit",
    changes_requested: "request_changes",
    published: "publish",
    scheduled: "schedule",
    unpublished: "unpublish",
  };
  return (to && byTarget[to]) || "";
}

/** "set an embargo until 1 Dec 2026, 09:00 (Europe/Paris)", in the newsroom's time zone. */
function embargoWords(t: Words, locale: AppLocale, type: string, data: Record<string, unknown>, timeZone: string): string {
  const at = typeof data.embargoUntil === "string" ? new Date(data.embargoUntil) : null;
  const until = at && !Number.isNaN(at.getTime()) ? t("untilAt", { when: formatInZone(at, timeZone, dateLocaleOf(locale)), timeZone }) : t("laterTime");
  if (type === "article.embargo_lifted") return t("embargoLifted");
  if (type === "article.embargo_changed") return t("embargoChanged", { until });
  return t("embargoSet", { until });
}
