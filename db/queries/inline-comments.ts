import "server-only";

import { and, asc, eq, isNull, or } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";

import type { Tx } from "@/db";
import { inlineComments, users } from "@/db/schema";

export async function insertInlineComment({
  db,
  row,
}: {
  db: Tx;
  row: {
    articleId: string;
    authorId: string;
    body: string;
    parentId?: number | null;
    quote?: string | null;
    anchorFrom?: Uint8Array | null;
    anchorTo?: Uint8Array | null;
  };
}): Promise<{ id: number }> {
  const [out] = await db.insert(inlineComments).values(row).returning({ id: inlineComments.id });
  return out;
}

/** A thread's head (not a reply), or null. */
export async function getInlineThread({ db, id }: { db: Tx; id: number }) {
  const [row] = await db
    .select()
    .from(inlineComments)
    .where(and(eq(inlineComments.id, id), isNull(inlineComments.parentId)));
  return row ?? null;
}

export async function setInlineThreadResolved({ db, id, resolvedById }: { db: Tx; id: number; resolvedById: string | null }): Promise<void> {
  await db
    .update(inlineComments)
    .set({ resolvedAt: resolvedById ? new Date() : null, resolvedById })
    .where(and(eq(inlineComments.id, id), isNull(inlineComments.parentId)));
}

/** Everyone who wrote in a thread (deleted users left out). */
export async function listInlineThreadParticipants({ db, threadId }: { db: Tx; threadId: number }): Promise<string[]> {
  const rows = await db
    .selectDistinct({ id: inlineComments.authorId })
    .from(inlineComments)
    .where(or(eq(inlineComments.id, threadId), eq(inlineComments.parentId, threadId)));
  return rows.map((r) => r.id).filter((id): id is string => Boolean(id));
}

/** Every inline comment of an article (threads and replies), oldest first, with author and resolver names. */
export async function listInlineComments({ db, articleId }: { db: Tx; articleId: string }) {
  const resolver = alias(users, "resolver");
  return db
    .select({
      id: inlineComments.id,
      parentId: inlineComments.parentId,
      body: inlineComments.body,
      quote: inlineComments.quote,
      anchorFrom: inlineComments.anchorFrom,
      anchorTo: inlineComments.anchorTo,
      resolvedAt: inlineComments.resolvedAt,
      resolvedByName: resolver.name,
      createdAt: inlineComments.createdAt,
      authorId: inlineComments.authorId,
      authorName: users.name,
    })
    .from(inlineComments)
    .leftJoin(users, eq(users.id, inlineComments.authorId))
    .leftJoin(resolver, eq(resolver.id, inlineComments.resolvedById))
    .where(eq(inlineComments.articleId, articleId))
    .orderBy(asc(inlineComments.createdAt), asc(inlineComments.id));
}

/** The newsroom's active users, for @mentions. */
export async function listMentionableUsers({ db }: { db: Tx }): Promise<{ id: string; name: string }[]> {
  return db.select({ id: users.id, name: users.name }).from(users).where(eq(users.active, true));
}
