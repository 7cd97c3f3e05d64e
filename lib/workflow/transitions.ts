import "server-only";

import type { Db, Tx } from "@/db";
import { listContributorIds } from "@/db/queries/article-people";
import { getChecklistFacts } from "@/db/queries/checklist";
import { insertEvent } from "@/db/queries/events";
import { getUserById } from "@/db/queries/users";
import { insertRequestChangesComment, updateArticleStatus } from "@/db/queries/workflow";
import type { Article } from "@/db/schema";
import { loadArticle } from "@/lib/articles/access";
import { cutRevision, makeLive } from "@/lib/articles/store";
import { expirePublicSite } from "@/lib/cache/revalidate";
import { now as clockNow } from "@/lib/clock";
import { appLink } from "@/lib/mail/config";
import { canTransition, type PolicyUser } from "@/lib/permissions";
import { hasBodyText } from "@/lib/rich-text/body";
import { withoutNul } from "@/lib/security/text";
import { getSettings } from "@/lib/settings";
import { queueTransitionWebhooks } from "@/lib/webhooks/webhooks";

import { ACTION_LABELS, transition, type ArticleStatus, type TransitionErrorCode, type WorkflowAction } from "./article-workflow";
import { notifyForTransition } from "./notify";
import { scheduleNote } from "./schedule-note";

export type TransitionRequest = {
  articleId: string;
  action: WorkflowAction;
  /** The version the actor saw; the transition is refused if the article changed since. */
  version?: number;
  /** Request-changes comment or unpublish reason. */
  comment?: string;
  scheduledAt?: Date;
  /** Optional dated note shown on the public page when an update is published. */
  correction?: string;
};

export type TransitionOutcome =
  | { ok: true; status: ArticleStatus; version: number; message: string; revisionId: number }
  | { ok: false; code: TransitionErrorCode | "not_found" | "conflict"; message: string };

export type TransitionOptions = {
  now?: Date;
  /** Called after commit when readers can see the change (default: expire the public site's cache). */
  revalidate?: () => void;
};

export type WorkflowActor = PolicyUser | "system";

const DONE: Record<WorkflowAction, string> = {
  submit: "Submitted for review.",
  withdraw: "Withdrawn: the article is a draft again.",
  request_changes: "Changes requested.",
  approve: "Approved.",
  publish: "Published.",
  schedule: "Scheduled.",
  unschedule: "Unscheduled: the article is approved again.",
  unpublish: "Unpublished.",
  publish_scheduled: "Published on schedule.",
};

/**
 * Runs one workflow transition in one database transaction: checks the state machine and the
 * policy, then changes the status with an UPDATE conditional on the status and version it
 * started from, so of two concurrent transitions exactly one wins. It cuts a revision (or makes
 * the working copy live), records the event, writes notifications and queues their mail.
 */
export async function runTransition(db: Db, actor: WorkflowActor, req: TransitionRequest, opts: TransitionOptions = {}): Promise<TransitionOutcome> {
  const now = opts.now ?? clockNow();
  const result = await db.transaction((tx) => applyTransition(tx, actor, withoutNul(req), now));
  if (result.outcome.ok && result.changesPublicSite) (opts.revalidate ?? expirePublicSite)();
  return result.outcome;
}

/** The body of runTransition, for callers that already hold a transaction (the scheduler). */
export async function applyTransition(
  tx: Tx,
  actor: WorkflowActor,
  req: TransitionRequest,
  now: Date,
): Promise<{ outcome: TransitionOutcome; changesPublicSite?: boolean }> {
  const loaded = await loadArticle({ db: tx, id: req.articleId });
  if (!loaded) return { outcome: { ok: false, code: "not_found", message: "This article does not exist." } as const };
  const { article, authorIds } = loaded;
  const settings = await getSettings(tx);
  const input = { comment: req.comment, scheduledAt: req.scheduledAt, now, twoPersonRule: settings.twoPersonRule, timeZone: settings.timeZone };
  const facts = {
    status: article.status,
    authorIds,
    hasContent: article.headline.trim().length > 0 && hasBodyText(article.body),
    hasUnpublishedChanges: article.hasUnpublishedChanges,
    contributorIds: await listContributorIds({ db: tx, articleId: article.id }),
    embargoUntil: article.embargoUntil,
    checklist: await getChecklistFacts({ db: tx, articleId: article.id }),
  };
  const check = actor === "system" ? transition(facts, req.action, "system", input) : canTransition(actor, req.action, facts, input);
  if (!check.ok) return { outcome: { ok: false, code: check.code, message: check.reason } as const };
  if (req.version !== undefined && req.version !== article.version) {
    return { outcome: conflict() };
  }
  const from = article.status;
  const to = check.next;
  const changed = await updateArticleStatus({
    db: tx,
    id: article.id,
    from,
    version: article.version,
    embargoUntil: article.embargoUntil,
    set: {
      status: to,
      ...(req.action === "submit" ? { submittedAt: now } : {}),
      ...(req.action === "schedule" ? { scheduledAt: req.scheduledAt } : {}),
      ...(req.action === "unschedule" ? { scheduledAt: null } : {}),
    },
  });
  if (!changed) return { outcome: await refusalAfterRace(tx, actor, req, input) };

  const revision = await recordTransition(tx, actor, req, { article, authorIds, to, now });
  const publishes = to === "published";
  const isUpdate = from === "published";
  const message = isUpdate && publishes ? "The update is published." : DONE[req.action];
  return { outcome: { ok: true, status: to, version: article.version, message, revisionId: revision.id } as const, changesPublicSite: publishes || isUpdate };
}

/**
 * What follows a status change, in the same transaction: the revision (or the working copy made
 * live), the event, the request-changes comment, the notifications and their mail.
 */
async function recordTransition(
  tx: Tx,
  actor: WorkflowActor,
  req: TransitionRequest,
  { article, authorIds, to, now }: { article: Article; authorIds: string[]; to: ArticleStatus; now: Date },
): Promise<{ id: number }> {
  const from = article.status;
  const actorId = actor === "system" ? null : actor.id;
  const publishes = to === "published";
  const isUpdate = from === "published";
  const correction = publishes && article.firstPublishedAt && req.correction?.trim() ? req.correction.trim() : null;
  const note = req.action === "schedule" ? scheduleNote(req.scheduledAt!) : req.comment?.trim() || null;
  const revision = publishes
    ? await makeLive(tx, article.id, { actorId, correction, now })
    : await cutRevision(tx, article.id, { reason: req.action, actorId, note });
  await insertEvent({
    db: tx,
    event: {
      type: "article.transition",
      actorId,
      articleId: article.id,
      fromStatus: from,
      toStatus: to,
      comment: req.comment?.trim() || correction || null,
      data: {
        action: req.action,
        revisionId: revision.id,
        version: article.version,
        ...(isUpdate ? { update: true } : {}),
        ...(correction ? { correction } : {}),
        ...(req.scheduledAt && req.action === "schedule" ? { scheduledAt: req.scheduledAt.toISOString() } : {}),
      },
    },
  });
  await queueTransitionWebhooks(tx, { articleId: article.id, from, to, correction, now });
  if (req.action === "request_changes" && actorId) {
    await insertRequestChangesComment({ db: tx, articleId: article.id, authorId: actorId, body: req.comment!.trim() });
  }
  const actorName = actorId ? await nameOf(tx, actorId) : "The scheduler";
  await notifyForTransition(tx, {
    action: req.action,
    actorId,
    actorName,
    article,
    authorIds,
    isUpdate,
    scheduledAt: req.scheduledAt,
    comment: req.comment,
    link: appLink(`/newsroom/articles/${article.id}`),
  });
  return revision;
}

function conflict() {
  return { ok: false, code: "conflict", message: "The article changed since you opened it: reload to see the latest version, then try again." } as const;
}

/**
 * The conditional UPDATE matched nothing: someone else moved the article first. Re-read it
 * (it is committed by now) and say what happened in the terms of the new state.
 */
async function refusalAfterRace(tx: Tx, actor: WorkflowActor, req: TransitionRequest, input: Parameters<typeof transition>[3]): Promise<TransitionOutcome> {
  const fresh = await loadArticle({ db: tx, id: req.articleId });
  if (!fresh) return { ok: false, code: "not_found", message: "This article does not exist." };
  const facts = {
    status: fresh.article.status,
    authorIds: fresh.authorIds,
    hasContent: true,
    hasUnpublishedChanges: fresh.article.hasUnpublishedChanges,
    contributorIds: await listContributorIds({ db: tx, articleId: req.articleId }),
    embargoUntil: fresh.article.embargoUntil,
    checklist: await getChecklistFacts({ db: tx, articleId: req.articleId }),
  };
  const again = transition(facts, req.action, actor, input);
  if (!again.ok) return { ok: false, code: again.code, message: again.reason };
  return conflict();
}

async function nameOf(tx: Tx, id: string): Promise<string> {
  return (await getUserById({ db: tx, id }))?.name ?? "Someone";
}

export function actionLabel(action: WorkflowAction): string {
  return ACTION_LABELS[action];
}
