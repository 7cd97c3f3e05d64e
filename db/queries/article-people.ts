import "server-only";

import { and, asc, eq, inArray } from "drizzle-orm";

import type { Tx } from "@/db";
import { articleAuthors, articleContributors, publishedArticleAuthors, users } from "@/db/schema";

/** The byline of the working copy, in order, with names. */
export async function getArticleAuthors({ db, articleId }: { db: Tx; articleId: string }) {
  return db
    .select({ id: users.id, name: users.name, position: articleAuthors.position })
    .from(articleAuthors)
    .innerJoin(users, eq(users.id, articleAuthors.userId))
    .where(eq(articleAuthors.articleId, articleId))
    .orderBy(asc(articleAuthors.position));
}

export async function listAuthorIds({ db, articleId }: { db: Tx; articleId: string }): Promise<string[]> {
  const rows = await db
    .select({ userId: articleAuthors.userId })
    .from(articleAuthors)
    .where(eq(articleAuthors.articleId, articleId))
    .orderBy(asc(articleAuthors.position));
  return rows.map((r) => r.userId);
}

/** Sets the byline of the working copy to `userIds`, in that order. */
export async function replaceArticleAuthors({ db, articleId, userIds }: { db: Tx; articleId: string; userIds: string[] }): Promise<void> {
  await db.delete(articleAuthors).where(eq(articleAuthors.articleId, articleId));
  if (userIds.length) await db.insert(articleAuthors).values(userIds.map((userId, position) => ({ articleId, userId, position })));
}

/** Sets the live byline (what readers see) to `userIds`, in that order. */
export async function replacePublishedAuthors({ db, articleId, userIds }: { db: Tx; articleId: string; userIds: string[] }): Promise<void> {
  await db.delete(publishedArticleAuthors).where(eq(publishedArticleAuthors.articleId, articleId));
  if (userIds.length) await db.insert(publishedArticleAuthors).values(userIds.map((userId, position) => ({ articleId, userId, position })));
}

export async function listContributorIds({ db, articleId }: { db: Tx; articleId: string }): Promise<string[]> {
  const rows = await db.select({ userId: articleContributors.userId }).from(articleContributors).where(eq(articleContributors.articleId, articleId));
  return rows.map((r) => r.userId);
}

export async function insertContributors({ db, articleId, userIds }: { db: Tx; articleId: string; userIds: string[] }): Promise<void> {
  if (userIds.length)
    await db
      .insert(articleContributors)
      .values(userIds.map((userId) => ({ articleId, userId })))
      .onConflictDoNothing();
}

export async function deleteContributors({ db, articleId }: { db: Tx; articleId: string }): Promise<void> {
  await db.delete(articleContributors).where(eq(articleContributors.articleId, articleId));
}

/** Active users who may go on a byline, by name; with `ids`, only those of them. */
export async function listActiveUsers({ db, ids }: { db: Tx; ids?: string[] }): Promise<{ id: string; name: string }[]> {
  return db
    .select({ id: users.id, name: users.name })
    .from(users)
    .where(and(eq(users.active, true), ids ? inArray(users.id, ids) : undefined))
    .orderBy(asc(users.name));
}
