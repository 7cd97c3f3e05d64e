import "server-only";

import { and, asc, eq, gt, ne, sql } from "drizzle-orm";

import type { Tx } from "@/db";
import { presence, users } from "@/db/schema";

/** A heartbeat every 15 s; someone unseen for 45 s has left (closed tab, lost network). */
export const PRESENCE_TTL_SECONDS = 45;

/** Records that `userId` has the article open and returns who else has it open now. */
export async function heartbeat(db: Tx, articleId: string, userId: string): Promise<{ id: string; name: string }[]> {
  await db
    .insert(presence)
    .values({ articleId, userId, lastSeenAt: sql`now()` })
    .onConflictDoUpdate({ target: [presence.articleId, presence.userId], set: { lastSeenAt: sql`now()` } });
  return db
    .select({ id: users.id, name: users.name })
    .from(presence)
    .innerJoin(users, eq(users.id, presence.userId))
    .where(
      and(eq(presence.articleId, articleId), ne(presence.userId, userId), gt(presence.lastSeenAt, sql`now() - make_interval(secs => ${PRESENCE_TTL_SECONDS})`)),
    )
    .orderBy(asc(users.name));
}

export async function leave(db: Tx, articleId: string, userId: string): Promise<void> {
  await db.delete(presence).where(and(eq(presence.articleId, articleId), eq(presence.userId, userId)));
}
