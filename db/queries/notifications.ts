import "server-only";

import { and, desc, eq, inArray, isNull, ne, or, sql, type SQL } from "drizzle-orm";

import type { Tx } from "@/db";
import { visibleTo } from "@/db/queries/articles";
import { notifications, userPreferences, users } from "@/db/schema";

/** The users a notification may go to, with what the policy needs to decide whether it does. */
export async function listRecipientCandidates({ db, ids }: { db: Tx; ids: string[] }) {
  if (ids.length === 0) return [];
  return db.select({ id: users.id, email: users.email, role: users.role, active: users.active }).from(users).where(inArray(users.id, ids));
}

/** Every active editor and admin (but `exceptId`): who hears about a submission. */
export async function listEditorIds({ db, exceptId }: { db: Tx; exceptId?: string | null }): Promise<string[]> {
  const rows = await db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.active, true), or(eq(users.role, "editor"), eq(users.role, "admin")), exceptId ? ne(users.id, exceptId) : undefined));
  return rows.map((r) => r.id);
}

export async function insertNotifications({ db, rows }: { db: Tx; rows: (typeof notifications.$inferInsert)[] }): Promise<void> {
  if (rows.length) await db.insert(notifications).values(rows);
}

type Reader = { id: string; role: string };

/**
 * The user's notifications about what they may still see: recipients are checked when a
 * notification is made, but a user demoted to journalist, or taken off a byline, since, may no
 * longer open the article, and its headline and comment excerpts must not reach them either.
 * Who sees which article is the newsroom's own rule (visibleTo), applied to the notification's article.
 */
function theirsAndVisible(user: Reader): SQL | undefined {
  const visible = visibleTo(user, undefined, notifications.articleId);
  return and(eq(notifications.userId, user.id), visible && or(isNull(notifications.articleId), visible));
}

export async function countUnreadNotifications({ db, user }: { db: Tx; user: Reader }): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(notifications)
    .where(and(theirsAndVisible(user), isNull(notifications.readAt)));
  return Number(row?.n ?? 0);
}

export async function listNotifications({ db, user, limit = 50 }: { db: Tx; user: Reader; limit?: number }) {
  return db.select().from(notifications).where(theirsAndVisible(user)).orderBy(desc(notifications.createdAt), desc(notifications.id)).limit(limit);
}

/** Marks the user's own notifications read (all, one article's, or one); never anyone else's. */
export async function markNotificationsRead({ db, userId, articleId, id }: { db: Tx; userId: string; articleId?: string; id?: number }): Promise<void> {
  await db
    .update(notifications)
    .set({ readAt: new Date() })
    .where(
      and(
        eq(notifications.userId, userId),
        isNull(notifications.readAt),
        articleId ? eq(notifications.articleId, articleId) : undefined,
        id !== undefined ? eq(notifications.id, id) : undefined,
      ),
    );
}

/** The interface language each of `ids` chose on their profile (those who chose none are absent). */
export async function listInterfaceLanguages({ db, ids }: { db: Tx; ids: string[] }): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select({ userId: userPreferences.userId, language: userPreferences.interfaceLanguage })
    .from(userPreferences)
    .where(inArray(userPreferences.userId, ids));
  return new Map(rows.filter((r) => r.language).map((r) => [r.userId, r.language as string]));
}
