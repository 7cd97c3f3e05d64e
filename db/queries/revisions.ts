import "server-only";

import { and, desc, eq, sql } from "drizzle-orm";

import type { Tx } from "@/db";
import { articleRevisions, users, type ArticleRevision } from "@/db/schema";

/** Appends a revision with the article's next number. */
export async function insertRevision({
  db,
  values,
}: {
  db: Tx;
  values: Omit<typeof articleRevisions.$inferInsert, "id" | "number" | "createdAt">;
}): Promise<ArticleRevision> {
  const [{ next }] = await db
    .select({ next: sql<number>`coalesce(max(${articleRevisions.number}), 0) + 1` })
    .from(articleRevisions)
    .where(eq(articleRevisions.articleId, values.articleId));
  const [revision] = await db
    .insert(articleRevisions)
    .values({ ...values, number: Number(next) })
    .returning();
  return revision;
}

export type RevisionListItem = {
  id: number;
  number: number;
  reason: string;
  note: string | null;
  articleVersion: number;
  createdAt: Date;
  createdByName: string | null;
};

/** An article's revisions, newest first. */
export async function listRevisions({ db, articleId }: { db: Tx; articleId: string }): Promise<RevisionListItem[]> {
  return db
    .select({
      id: articleRevisions.id,
      number: articleRevisions.number,
      reason: articleRevisions.reason,
      note: articleRevisions.note,
      articleVersion: articleRevisions.articleVersion,
      createdAt: articleRevisions.createdAt,
      createdByName: users.name,
    })
    .from(articleRevisions)
    .leftJoin(users, eq(users.id, articleRevisions.createdById))
    .where(eq(articleRevisions.articleId, articleId))
    .orderBy(desc(articleRevisions.number));
}

/** The last `limit` revisions cut for `reason`, newest first. */
export async function listRevisionsByReason({ db, articleId, reason, limit }: { db: Tx; articleId: string; reason: string; limit: number }) {
  return db
    .select()
    .from(articleRevisions)
    .where(and(eq(articleRevisions.articleId, articleId), eq(articleRevisions.reason, reason)))
    .orderBy(desc(articleRevisions.number))
    .limit(limit);
}

export async function getRevision({ db, articleId, number }: { db: Tx; articleId: string; number: number }): Promise<ArticleRevision | undefined> {
  const rows = await db
    .select()
    .from(articleRevisions)
    .where(and(eq(articleRevisions.articleId, articleId), eq(articleRevisions.number, number)));
  return rows[0];
}

export async function getRevisionById({ db, id }: { db: Tx; id: number }): Promise<ArticleRevision | undefined> {
  const rows = await db.select().from(articleRevisions).where(eq(articleRevisions.id, id));
  return rows[0];
}

/** The working-copy version of the newest revision (0 without one). */
export async function getLatestRevisedVersion({ db, articleId }: { db: Tx; articleId: string }): Promise<number> {
  const [latest] = await db
    .select({ v: sql<number>`max(${articleRevisions.articleVersion})` })
    .from(articleRevisions)
    .where(eq(articleRevisions.articleId, articleId));
  return Number(latest?.v ?? 0);
}
