import "server-only";

import { asc, eq } from "drizzle-orm";

import type { Tx } from "@/db";
import { comments, users } from "@/db/schema";

export async function insertComment({ db, articleId, authorId, body }: { db: Tx; articleId: string; authorId: string; body: string }): Promise<{ id: number }> {
  const [row] = await db.insert(comments).values({ articleId, authorId, body }).returning({ id: comments.id });
  return row;
}

/** Everyone who has written in the article's discussion (deleted users left out). */
export async function listCommenterIds({ db, articleId }: { db: Tx; articleId: string }): Promise<string[]> {
  const rows = await db.selectDistinct({ id: comments.authorId }).from(comments).where(eq(comments.articleId, articleId));
  return rows.map((r) => r.id).filter((id): id is string => Boolean(id));
}

/** The discussion, oldest first. */
export async function listArticleComments({ db, articleId }: { db: Tx; articleId: string }) {
  return db
    .select({ id: comments.id, kind: comments.kind, body: comments.body, createdAt: comments.createdAt, authorName: users.name, authorId: comments.authorId })
    .from(comments)
    .leftJoin(users, eq(users.id, comments.authorId))
    .where(eq(comments.articleId, articleId))
    .orderBy(asc(comments.createdAt), asc(comments.id));
}
