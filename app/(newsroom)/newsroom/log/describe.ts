import type { createTranslator } from "use-intl/core";

import type { Messages } from "@/lib/i18n/messages";
import { inferAction } from "@/lib/workflow/timeline";

type LogWords = ReturnType<typeof createTranslator<Messages, "log">>;
type Event = { type: string; fromStatus: string | null; toStatus: string | null; data: Record<string, unknown>; subjectName?: string | null };

/**
 * An event of the activity log in the reader's words: from its kind and parameters, never from a
 * stored sentence. `at` formats a date in the newsroom's time zone.
 */
export function describeLogEvent(t: LogWords, e: Event, at: (d: Date) => string, timeZone: string): string {
  const id = String(e.data.linkId ?? "?");
  const label = String(e.data.label ?? "");
  const embargo = () => {
    const d = typeof e.data.embargoUntil === "string" ? new Date(e.data.embargoUntil) : null;
    const until = d && !Number.isNaN(d.getTime()) ? t("event.embargoAt", { date: at(d), zone: timeZone }) : null;
    return { known: until ? "yes" : "no", until: until ?? "" };
  };
  switch (e.type) {
    case "article.transition": {
      // Older events (the demo seed) carry no action: inferred from the states.
      const inferred = String(e.data.action ?? inferAction(e.fromStatus, e.toStatus));
      const action = inferred === "publish" && e.data.update ? "publish_update" : inferred;
      return t("event.transition", { action: action || "other", from: String(e.fromStatus), to: String(e.toStatus) });
    }
    case "article.created":
      return t("event.created");
    case "article.authors_changed":
      return t("event.authorsChanged");
    case "article.embargo_lifted":
      return t("event.embargoLifted");
    case "article.embargo_changed":
      return t("event.embargoChanged", embargo());
    case "article.preview_shared":
      return t("event.previewShared", { id });
    case "article.preview_revoked":
      return t("event.previewRevoked", { id });
    case "article.preview_opened":
      return t("event.previewOpened", { id });
    case "article.checklist_ticked":
      return t("event.checklistTicked", { label });
    case "article.checklist_unticked":
      return t("event.checklistUnticked", { label });
    case "article.checklist_cleared":
      return t("event.checklistCleared");
    default: {
      if (e.type.startsWith("article.embargo_")) return t("event.embargoSet", embargo());
      // Other kinds (user.*, webhook.*, settings…) by their name in the catalogue; one it lacks, readable;
      // with what they were about: the account, the key's name, the endpoint's address, the section or tag.
      const what = eventTypeWords(t, e.type);
      if (e.type === "user.role_changed" && e.subjectName)
        return t("event.roleChange", {
          what,
          subject: e.subjectName,
          from: t("role", { role: String(e.data.from) }),
          to: t("role", { role: String(e.data.to) }),
        });
      // A section or tag renamed, or a tag merged into another: from which name to which.
      const named = (v: unknown) => (typeof v === "string" ? v : v && typeof v === "object" && "name" in v ? String(v.name) : "");
      if ((e.type === "section.renamed" || e.type === "tag.renamed") && named(e.data.from) && named(e.data.to))
        return t("event.renamed", { what, from: named(e.data.from), to: named(e.data.to) });
      if (e.type === "tag.merged" && named(e.data.from) && named(e.data.into))
        return t("event.renamed", { what, from: named(e.data.from), to: named(e.data.into) });
      const subject =
        e.subjectName ??
        (e.type.startsWith("api_key.") || e.type.startsWith("section.") || e.type.startsWith("tag.")
          ? e.data.name
          : e.type.startsWith("webhook.")
            ? e.data.url
            : undefined);
      return typeof subject === "string" && subject ? t("event.about", { what, subject }) : what;
    }
  }
}

/** "in_review → published", each status in the reader's words; empty when the event moved nothing. */
export function describeTransition(t: LogWords, e: Event): string {
  if (!e.fromStatus && !e.toStatus) return "";
  const status = (s: string | null) => (s ? t("status", { status: s }) : "—");
  return `${status(e.fromStatus)} → ${status(e.toStatus)}`;
}

/** An event kind's name from the catalogue (`log.types`), else the kind itself, readable. */
export function eventTypeWords(t: LogWords, type: string): string {
  const key = `types.${type}` as Parameters<LogWords>[0];
  return t.has(key) ? t(key) : type.replace(/[._]/g, " ");
}
