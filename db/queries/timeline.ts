import "server-only";

import { desc, eq, lt } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";

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
export async function listArticleEvents({ db, articleId, limit = 100 }: { db: Tx; articleId: string; limit?: number }) {
  return db
    .select(columns)
    .from(events)
    .leftJoin(users, eq(users.id, events.actorId))
    .where(eq(events.articleId, articleId))
    .orderBy(desc(events.id))
    .limit(limit);
}

/** The global log for admins, newest first, paged by id. */
export async function listAllEvents({ db, before, limit = 100 }: { db: Tx; before?: number; limit?: number }) {
  // The account a user-management event is about (created, deactivated, role changed…).
  const subject = alias(users, "subject");
  return db
    .select({ ...columns, headline: articles.headline, subjectName: subject.name })
    .from(events)
    .leftJoin(users, eq(users.id, events.actorId))
    .leftJoin(subject, eq(subject.id, events.subjectUserId))
    .leftJoin(articles, eq(articles.id, events.articleId))
    .where(before ? lt(events.id, before) : undefined)
    .orderBy(desc(events.id))
    .limit(limit);
}
