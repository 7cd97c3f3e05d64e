import "server-only";
import { and, desc, eq, inArray, isNull, ne, or, sql } from "drizzle-orm";
import type { Tx } from "@/db";
import { notifications, users } from "@/db/schema";
import { queueMail } from "@/lib/mail/outbox";

export type NotificationType = "submitted" | "changes_requested" | "approved" | "scheduled" | "published" | "unpublished" | "comment";

/**
 * In-app notifications (and their mail) for the given users, written in the caller's
 * transaction. The actor is never notified of their own action; inactive users are skipped.
 */
export async function notifyUsers(
  db: Tx,
  input: { userIds: string[]; actorId: string | null; articleId: string | null; type: NotificationType; message: string; link?: string },
): Promise<number> {
  const ids = [...new Set(input.userIds)].filter((id) => id !== input.actorId);
  if (ids.length === 0) return 0;
  const recipients = await db
    .select({ id: users.id, email: users.email })
    .from(users)
    .where(and(inArray(users.id, ids), eq(users.active, true)));
  if (recipients.length === 0) return 0;
  await db.insert(notifications).values(
    recipients.map((r) => ({ userId: r.id, articleId: input.articleId, type: input.type, message: input.message })),
  );
  const link = input.link ? `\n\n${input.link}` : "";
  await queueMail(
    db,
    recipients.map((r) => ({ to: r.email, subject: `[Newsroom] ${input.message}`.slice(0, 200), text: `${input.message}${link}` })),
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
  return db
    .select()
    .from(notifications)
    .where(eq(notifications.userId, userId))
    .orderBy(desc(notifications.createdAt), desc(notifications.id))
    .limit(limit);
}

/** Marks the user's own notifications read (all, or one article's); never anyone else's. */
export async function markRead(db: Tx, userId: string, opts: { articleId?: string } = {}): Promise<void> {
  await db
    .update(notifications)
    .set({ readAt: new Date() })
    .where(
      and(
        eq(notifications.userId, userId),
        isNull(notifications.readAt),
        opts.articleId ? eq(notifications.articleId, opts.articleId) : undefined,
      ),
    );
}
