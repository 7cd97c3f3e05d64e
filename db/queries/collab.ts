import "server-only";

import { and, eq, lt, sql } from "drizzle-orm";

import type { Tx } from "@/db";
import { articles, collabAttemptWindows, collabDocuments, type TiptapDoc } from "@/db/schema";

/** md5 of the body as stored (jsonb text), computed by the database so both sides agree. */
const bodyHash = sql<string>`md5(${articles.body}::text)`;

/** The stored live state of an article's body and the article's current body and its hash. */
export async function getCollabSource({ db, articleId }: { db: Tx; articleId: string }) {
  const [row] = await db
    .select({
      body: articles.body,
      headline: articles.headline,
      version: articles.version,
      bodyHash,
      state: collabDocuments.state,
      stateBodyHash: collabDocuments.bodyHash,
    })
    .from(articles)
    .leftJoin(collabDocuments, eq(collabDocuments.articleId, articles.id))
    .where(eq(articles.id, articleId));
  return row ?? null;
}

/** The current hash of an article's body, or null when the article is gone. */
export async function getBodyHash({ db, articleId }: { db: Tx; articleId: string }): Promise<string | null> {
  const [row] = await db.select({ bodyHash }).from(articles).where(eq(articles.id, articleId));
  return row?.bodyHash ?? null;
}

/**
 * Writes the materialised body of a live session into the working copy, and the live state with
 * the hash of that body, in one transaction. No version bump: the version guards the
 * version-checked path (headline, byline, restore…) and moving it on every few keystrokes would
 * make the editor's own field saves conflict; a body changed outside is noticed by its hash.
 */
export async function storeCollabDocument({
  db,
  articleId,
  state,
  body,
  userId,
}: {
  db: Tx;
  articleId: string;
  state: Uint8Array;
  body: TiptapDoc | null;
  userId: string | null;
}): Promise<string | null> {
  return db.transaction(async (tx) => {
    let hash: string | null;
    if (body) {
      const [row] = await tx
        .update(articles)
        .set({
          body,
          updatedAt: sql`now()`,
          ...(userId ? { updatedById: userId } : {}),
          hasUnpublishedChanges: sql`${articles.hasUnpublishedChanges} or ${articles.status} = 'published'`,
        })
        .where(eq(articles.id, articleId))
        .returning({ bodyHash });
      hash = row?.bodyHash ?? null;
    } else hash = await getBodyHash({ db: tx, articleId });
    if (hash === null) return null;
    await tx
      .insert(collabDocuments)
      .values({ articleId, state, bodyHash: hash })
      .onConflictDoUpdate({ target: collabDocuments.articleId, set: { state, bodyHash: hash, updatedAt: sql`now()` } });
    return hash;
  });
}

/**
 * Takes on a body changed outside the live session: moves the stored state's hash from `fromHash`
 * to `toHash`. Only one instance wins (true) and writes the new body into the live document; the
 * others get that change through Redis.
 */
export async function claimOutsideBody({ db, articleId, fromHash, toHash }: { db: Tx; articleId: string; fromHash: string; toHash: string }): Promise<boolean> {
  const rows = await db
    .update(collabDocuments)
    .set({ bodyHash: toHash })
    .where(and(eq(collabDocuments.articleId, articleId), eq(collabDocuments.bodyHash, fromHash)))
    .returning({ articleId: collabDocuments.articleId });
  return rows.length > 0;
}

/**
 * Counts one connection attempt from `address` in the current minute (the database's clock, so
 * every instance agrees on the window) and returns the attempts in it, this one included: a row
 * from an earlier minute starts again at 1. One statement, so two instances counting the same
 * address at once both count.
 */
export async function countCollabAttempt({ db, address }: { db: Tx; address: string }): Promise<number> {
  const [row] = await db
    .insert(collabAttemptWindows)
    .values({ address, windowStart: sql`date_trunc('minute', now())`, attempts: 1 })
    .onConflictDoUpdate({
      target: collabAttemptWindows.address,
      set: {
        attempts: sql`case when ${collabAttemptWindows.windowStart} = excluded.window_start then ${collabAttemptWindows.attempts} + 1 else 1 end`,
        windowStart: sql`excluded.window_start`,
      },
    })
    .returning({ attempts: collabAttemptWindows.attempts });
  return row.attempts;
}

/** Forgets the addresses with no attempt in the last two minutes. */
export async function deleteOldCollabAttemptWindows({ db }: { db: Tx }): Promise<void> {
  await db.delete(collabAttemptWindows).where(lt(collabAttemptWindows.windowStart, sql`now() - interval '2 minutes'`));
}
