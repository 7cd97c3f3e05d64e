import "server-only";

import { and, desc, eq, lt } from "drizzle-orm";

import type { Tx } from "@/db";
import { articles, events, users } from "@/db/schema";

const columns = {
  id: events.id,
  type: events.type,
  fromStatus: events.fromStatus,
  toStatus: events.toStatus,
  comment: events.comment,
  data: events.data,
  createdAt: events.createdAt,
  actorName: users.name,
  articleId: events.articleId,
};

/** An article's timeline, newest first (the event log is append-only). */
export async function listArticleEvents(db: Tx, articleId: string, limit = 100) {
  return db
    .select(columns)
    .from(events)
    .leftJoin(users, eq(users.id, events.actorId))
    .where(eq(events.articleId, articleId))
    .orderBy(desc(events.id))
    .limit(limit);
}

/** The global log for admins, newest first, paged by id. */
export async function listAllEvents(db: Tx, { before, limit = 100 }: { before?: number; limit?: number } = {}) {
  return db
    .select({ ...columns, headline: articles.headline })
    .from(events)
    .leftJoin(users, eq(users.id, events.actorId))
    .leftJoin(articles, eq(articles.id, events.articleId))
    .where(before ? and(lt(events.id, before)) : undefined)
    .orderBy(desc(events.id))
    .limit(limit);
}

/** "Claire Martin submitted for review", in the words of the buttons. */
export function describeEvent(e: { type: string; fromStatus: string | null; toStatus: string | null; data: Record<string, unknown> }): string {
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
