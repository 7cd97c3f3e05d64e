/**
 * The editorial state machine, as data. Pure: no database, no Next.js.
 * Who may act is decided here together with lib/permissions.ts (which asks this module).
 */
import { now as clockNow } from "@/lib/clock";
import type { Role } from "@/lib/roles";
import { formatInZone } from "@/lib/workflow/time-zone";

export const ARTICLE_STATUSES = ["draft", "in_review", "changes_requested", "approved", "scheduled", "published", "unpublished"] as const;
export type ArticleStatus = (typeof ARTICLE_STATUSES)[number];

export const WORKFLOW_ACTIONS = [
  "submit",
  "withdraw",
  "request_changes",
  "approve",
  "publish",
  "schedule",
  "unschedule",
  "unpublish",
  "publish_scheduled",
] as const;
export type WorkflowAction = (typeof WORKFLOW_ACTIONS)[number];

/** Who may perform a transition: an author of the article, an editor (or admin), or the scheduler. */
export type Performer = "author" | "editor" | "system";

export type Transition = {
  action: WorkflowAction;
  from: readonly ArticleStatus[];
  to: ArticleStatus;
  by: readonly Performer[];
  /** The two-person rule applies: the acting editor must not be an author. */
  twoPerson?: boolean;
  needs?: "content" | "comment" | "future_time" | "reason";
};

export const TRANSITIONS: readonly Transition[] = [
  { action: "submit", from: ["draft", "changes_requested"], to: "in_review", by: ["author", "editor"], needs: "content" },
  { action: "withdraw", from: ["in_review"], to: "draft", by: ["author"] },
  { action: "request_changes", from: ["in_review"], to: "changes_requested", by: ["editor"], needs: "comment" },
  { action: "approve", from: ["in_review"], to: "approved", by: ["editor"], twoPerson: true },
  { action: "publish", from: ["approved", "in_review", "unpublished"], to: "published", by: ["editor"], twoPerson: true },
  // Scheduling is publishing later (the scheduler does not check again): the same rule applies.
  { action: "schedule", from: ["approved"], to: "scheduled", by: ["editor"], twoPerson: true, needs: "future_time" },
  { action: "unschedule", from: ["scheduled"], to: "approved", by: ["editor"] },
  { action: "unpublish", from: ["published"], to: "unpublished", by: ["editor"], needs: "reason" },
  { action: "publish_scheduled", from: ["scheduled"], to: "published", by: ["system"] },
];

/** Workflow button labels, named by their action. */
export const ACTION_LABELS: Record<WorkflowAction, string> = {
  submit: "Submit for review",
  withdraw: "Withdraw",
  request_changes: "Request changes",
  approve: "Approve",
  publish: "Publish",
  schedule: "Schedule",
  unschedule: "Unschedule",
  unpublish: "Unpublish",
  publish_scheduled: "Publish (scheduled)",
};

export type Actor = { id: string; role: Role } | "system";

export type WorkflowArticle = {
  status: ArticleStatus;
  authorIds: readonly string[];
  /** The working copy has a headline and a non-empty body (see hasContent). */
  hasContent?: boolean;
  /** A published article with edits waiting for review: "publish" makes them live. */
  hasUnpublishedChanges?: boolean;
  /**
   * Everyone who wrote, edited or was on the byline of the working copy since it last went live
   * (article_contributors). The two-person rule counts them as authors of the version under review.
   */
  contributorIds?: readonly string[];
  /** Nobody and nothing may publish the article before this instant (null: no embargo). */
  embargoUntil?: Date | null;
  /** The sign-off checklist: see checklistGap. Absent (or no required items): no gate. */
  checklist?: ChecklistFacts;
};

/** The ids of the required checklist items, and of the items ticked on this article. */
export type ChecklistFacts = { requiredItemIds: readonly number[]; tickedItemIds: readonly number[] };

/** The actions that need every required checklist item ticked: those that put the article before readers. */
export const CHECKLIST_GATED: readonly WorkflowAction[] = ["approve", "publish", "schedule"];

/** The required items not ticked yet; empty when the gate is open. */
export function checklistGap(checklist: ChecklistFacts | undefined): number[] {
  if (!checklist) return [];
  return checklist.requiredItemIds.filter((id) => !checklist.tickedItemIds.includes(id));
}

export type TransitionInput = {
  comment?: string;
  scheduledAt?: Date;
  now?: Date;
  twoPersonRule?: boolean;
  /** The newsroom time zone, to name the embargo's end in words the desk reads. */
  timeZone?: string;
};

export type TransitionResult = { ok: true; next: ArticleStatus; transition: Transition } | { ok: false; code: TransitionErrorCode; reason: string };

export type TransitionErrorCode =
  | "illegal_state"
  | "forbidden"
  | "two_person_rule"
  | "needs_content"
  | "needs_comment"
  | "needs_future_time"
  | "needs_reason"
  | "embargoed"
  | "checklist_incomplete";

export function findTransition(action: WorkflowAction): Transition {
  const t = TRANSITIONS.find((x) => x.action === action);
  if (!t) throw new Error(`Unknown workflow action ${action}`);
  return t;
}

function performersOf(actor: Actor, article: WorkflowArticle): Performer[] {
  if (actor === "system") return ["system"];
  const result: Performer[] = [];
  if (article.authorIds.includes(actor.id)) result.push("author");
  if (actor.role === "editor" || actor.role === "admin") result.push("editor");
  return result;
}

const STATE_WORDS: Record<ArticleStatus, string> = {
  draft: "a draft",
  in_review: "in review",
  changes_requested: "waiting for changes",
  approved: "approved",
  scheduled: "scheduled",
  published: "published",
  unpublished: "unpublished",
};

export function describeStatus(status: ArticleStatus): string {
  return STATE_WORDS[status];
}

/**
 * Checks one workflow action against the table: state, performer, two-person rule and needs.
 * A published article with unpublished changes may be re-published by an editor: that is the
 * "update after publication" path.
 */
export function transition(article: WorkflowArticle, action: WorkflowAction, actor: Actor, input: TransitionInput = {}): TransitionResult {
  const t = findTransition(action);
  const republishUpdate = action === "publish" && article.status === "published" && article.hasUnpublishedChanges;
  if (!t.from.includes(article.status) && !republishUpdate) {
    if (action === "publish" && article.status === "published") {
      return { ok: false, code: "illegal_state", reason: "This article is already published." };
    }
    return {
      ok: false,
      code: "illegal_state",
      reason: `Cannot ${ACTION_LABELS[action].toLowerCase()}: the article is ${STATE_WORDS[article.status]}.`,
    };
  }
  const performers = performersOf(actor, article);
  if (!t.by.some((p) => performers.includes(p))) {
    return { ok: false, code: "forbidden", reason: "You are not allowed to do this." };
  }
  const twoPersonRule = input.twoPersonRule ?? true;
  if (t.twoPerson && twoPersonRule && actor !== "system") {
    if (article.authorIds.includes(actor.id)) {
      return {
        ok: false,
        code: "two_person_rule",
        reason: "Two-person rule: an editor who is an author of this article cannot approve, publish or schedule it.",
      };
    }
    // An editor who took herself off the byline, or edited this version, is still one of its authors.
    if (article.contributorIds?.includes(actor.id)) {
      return {
        ok: false,
        code: "two_person_rule",
        reason: "Two-person rule: you wrote, edited or were on the byline of this version, so another editor must approve, publish or schedule it.",
      };
    }
  }
  const embargo = embargoRefusal(article, action, input);
  if (embargo) return embargo;
  // The scheduler publishes what an editor scheduled: the checklist was checked when scheduling.
  const unticked = actor === "system" || !CHECKLIST_GATED.includes(action) ? [] : checklistGap(article.checklist);
  if (unticked.length) {
    return {
      ok: false,
      code: "checklist_incomplete",
      reason: `Checklist: ${unticked.length === 1 ? "1 required item is" : `${unticked.length} required items are`} not ticked yet.`,
    };
  }
  switch (t.needs) {
    case "content":
      if (!article.hasContent) {
        return { ok: false, code: "needs_content", reason: "A headline and a body are needed to submit." };
      }
      break;
    case "comment":
      if (!input.comment?.trim()) {
        return { ok: false, code: "needs_comment", reason: "Say what needs to change: a comment is required." };
      }
      break;
    case "reason":
      if (!input.comment?.trim()) {
        return { ok: false, code: "needs_reason", reason: "A reason is required to unpublish." };
      }
      break;
    case "future_time": {
      const now = input.now ?? clockNow();
      if (!input.scheduledAt || Number.isNaN(input.scheduledAt.getTime()) || input.scheduledAt <= now) {
        return { ok: false, code: "needs_future_time", reason: "Choose a publication time in the future." };
      }
      break;
    }
  }
  return { ok: true, next: t.to, transition: t };
}

/**
 * The embargo: before its instant no path publishes the article (a person's publish, the
 * scheduler's), and a schedule must fall at or after it. Checked after the state, the performer
 * and the two-person rule, so a refusal for those reasons still says what it always said.
 */
function embargoRefusal(article: WorkflowArticle, action: WorkflowAction, input: TransitionInput): TransitionResult | null {
  const until = article.embargoUntil;
  if (!until) return null;
  const now = input.now ?? clockNow();
  const when = input.timeZone ? `${formatInZone(until, input.timeZone)} (${input.timeZone})` : until.toISOString();
  if ((action === "publish" || action === "publish_scheduled") && now < until) {
    return { ok: false, code: "embargoed", reason: `Embargoed until ${when}: it cannot be published before then.` };
  }
  if (action === "schedule" && input.scheduledAt && input.scheduledAt < until) {
    return { ok: false, code: "embargoed", reason: `Embargoed until ${when}: choose a publication time at or after the embargo.` };
  }
  return null;
}

/** Authors may edit their own work only while it is theirs to change; editors may edit at any stage. */
export const AUTHOR_EDITABLE: readonly ArticleStatus[] = ["draft", "changes_requested"];
