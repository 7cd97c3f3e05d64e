/** How the timeline and the activity log put an event in words. Pure: the events come from db/queries/timeline. */
import { formatInZone } from "./time-zone";

/** "Claire Martin submitted for review", in the words of the buttons. */
export function describeEvent(
  e: { type: string; fromStatus: string | null; toStatus: string | null; data: Record<string, unknown> },
  timeZone = "UTC",
): string {
  if (e.type === "article.transition") {
    // Older events (the demo seed) carry no action: infer it from the states.
    const action = String(e.data.action ?? inferAction(e.fromStatus, e.toStatus));
    const words: Record<string, string> = {
      submit: "submitted for review",
      withdraw: "withdrew from review",
      request_changes: "requested changes",
      approve: "approved",
      publish: e.data.update ? "published an update" : "published",
      publish_scheduled: "published on schedule",
      schedule: "scheduled",
      unschedule: "unscheduled",
      unpublish: "unpublished",
    };
    return words[action] ?? `moved from ${e.fromStatus} to ${e.toStatus}`;
  }
  if (e.type === "article.created") return "created the article";
  if (e.type === "article.authors_changed") return "changed the byline";
  if (e.type.startsWith("article.embargo_")) return embargoWords(e.type, e.data, timeZone);
  if (e.type === "article.preview_shared") return `shared preview link #${String(e.data.linkId ?? "?")}`;
  if (e.type === "article.preview_revoked") return `revoked preview link #${String(e.data.linkId ?? "?")}`;
  if (e.type === "article.preview_opened") return `opened shared preview link #${String(e.data.linkId ?? "?")}`;
  if (e.type === "article.checklist_ticked") return `ticked “${String(e.data.label ?? "")}” on the checklist`;
  if (e.type === "article.checklist_unticked") return `unticked “${String(e.data.label ?? "")}” on the checklist`;
  if (e.type === "article.checklist_cleared") return "changed the headline or body: the checklist ticks were cleared";
  return e.type.replace(/[._]/g, " ");
}

function inferAction(from: string | null, to: string | null): string {
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
function embargoWords(type: string, data: Record<string, unknown>, timeZone: string): string {
  const at = typeof data.embargoUntil === "string" ? new Date(data.embargoUntil) : null;
  const until = at && !Number.isNaN(at.getTime()) ? `${formatInZone(at, timeZone)} (${timeZone})` : "a later time";
  if (type === "article.embargo_lifted") return "lifted the embargo";
  if (type === "article.embargo_changed") return `moved the embargo to ${until}`;
  return `set an embargo until ${until}`;
}
