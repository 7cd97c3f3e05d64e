import "server-only";

import { and, desc, eq, inArray, isNull, ne, or, sql } from "drizzle-orm";

import type { Tx } from "@/db";
import { articleAuthors, articles, notifications, users } from "@/db/schema";
import { queueMail } from "@/lib/mail/outbox";
import { canArticle } from "@/lib/permissions";

export type NotificationType = "submitted" | "changes_requested" | "approved" | "scheduled" | "published" | "unpublished" | "comment" | "byline_changed";

/**
 * Of `userIds`, those who may view the article now (active, and an editor or one of its working
 * authors): a notification about an article never reaches anyone else, e.g. a co-author removed
 * since. The mail worker asks again at send time.
 */
export async function viewersOf(db: Tx, articleId: string, userIds: string[]): Promise<{ id: string; email: string }[]> {
  if (userIds.length === 0) return [];
  const [article] = await db.select({ status: articles.status }).from(articles).where(eq(articles.id, articleId));
  if (!article) return [];
  const authorRows = await db.select({ userId: articleAuthors.userId }).from(articleAuthors).where(eq(articleAuthors.articleId, articleId));
  const policy = { status: article.status, authorIds: authorRows.map((r) => r.userId) };
  const rows = await db.select({ id: users.id, email: users.email, role: users.role, active: users.active }).from(users).where(inArray(users.id, userIds));
  return rows.filter((u) => canArticle(u, "view", policy).ok).map(({ id, email }) => ({ id, email }));
}

/**
 * In-app notifications (and their mail) for the given users, written in the caller's
 * transaction. The actor is never notified of their own action; inactive users are skipped, and
 * so is anyone who may not view the article the notification is about.
 */
export async function notifyUsers(
  db: Tx,
  input: { userIds: string[]; actorId: string | null; articleId: string | null; type: NotificationType; message: string; link?: string },
): Promise<number> {
  const ids = [...new Set(input.userIds)].filter((id) => id !== input.actorId);
  if (ids.length === 0) return 0;
  const recipients = input.articleId
    ? await viewersOf(db, input.articleId, ids)
    : await db
        .select({ id: users.id, email: users.email })
        .from(users)
        .where(and(inArray(users.id, ids), eq(users.active, true)));
  if (recipients.length === 0) return 0;
  await db.insert(notifications).values(recipients.map((r) => ({ userId: r.id, articleId: input.articleId, type: input.type, message: input.message })));
  const link = input.link ? `\n\n${input.link}` : "";
  await queueMail(
    db,
    recipients.map((r) => ({
      to: r.email,
      subject: `[Newsroom] ${input.message}`.slice(0, 200),
      text: `${input.message}${link}`,
      userId: r.id,
      articleId: input.articleId,
    })),
  );
  return recipients.length;
}

/** Every active editor and admin: who hears about a submission. */
export async function editorIds(db: Tx, exceptId?: string | null): Promise<string[]> {
  const rows = await db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.active, true), or(eq(users.role, "editor"), eq(users.role, "admin")), exceptId ? ne(users.id, exceptId) : undefined));
  return rows.map((r) => r.id);
}

export async function unreadCount(db: Tx, userId: string): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(notifications)
    .where(and(eq(notifications.userId, userId), isNull(notifications.readAt)));
  return Number(row?.n ?? 0);
}

export async function listNotifications(db: Tx, userId: string, limit = 50) {
  return db.select().from(notifications).where(eq(notifications.userId, userId)).orderBy(desc(notifications.createdAt), desc(notifications.id)).limit(limit);
}

/** Marks the user's own notifications read (all, or one article's); never anyone else's. */
export async function markRead(db: Tx, userId: string, opts: { articleId?: string } = {}): Promise<void> {
  await db
    .update(notifications)
    .set({ readAt: new Date() })
    .where(and(eq(notifications.userId, userId), isNull(notifications.readAt), opts.articleId ? eq(notifications.articleId, opts.articleId) : undefined));
}
