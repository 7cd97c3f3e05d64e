import "server-only";

import { and, asc, eq, gt, ne, sql } from "drizzle-orm";

import type { Tx } from "@/db";
import { presence, users } from "@/db/schema";

/** Records that `userId` has the article open now. */
export async function upsertPresence({ db, articleId, userId }: { db: Tx; articleId: string; userId: string }): Promise<void> {
  await db
    .insert(presence)
    .values({ articleId, userId, lastSeenAt: sql`now()` })
    .onConflictDoUpdate({ target: [presence.articleId, presence.userId], set: { lastSeenAt: sql`now()` } });
}

/** Who else was seen on the article within the last `seconds`, by name. */
export async function listPresentUsers({
  db,
  articleId,
  exceptUserId,
  seconds,
}: {
  db: Tx;
  articleId: string;
  exceptUserId: string;
  seconds: number;
}): Promise<{ id: string; name: string }[]> {
  return db
    .select({ id: users.id, name: users.name })
    .from(presence)
    .innerJoin(users, eq(users.id, presence.userId))
    .where(and(eq(presence.articleId, articleId), ne(presence.userId, exceptUserId), gt(presence.lastSeenAt, sql`now() - make_interval(secs => ${seconds})`)))
    .orderBy(asc(users.name));
}

export async function deletePresence({ db, articleId, userId }: { db: Tx; articleId: string; userId: string }): Promise<void> {
  await db.delete(presence).where(and(eq(presence.articleId, articleId), eq(presence.userId, userId)));
}
