import "server-only";

import { and, asc, eq, gt, isNotNull, sql } from "drizzle-orm";

import type { Tx } from "@/db";
import { visibleTo } from "@/db/queries/articles";
import { articles } from "@/db/schema";

/** The article's embargo, its row locked until the caller's transaction ends (undefined: no such article). */
export async function getArticleEmbargoForUpdate({ db, id }: { db: Tx; id: string }): Promise<{ embargoUntil: Date | null } | undefined> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return undefined;
  const rows = await db.select({ embargoUntil: articles.embargoUntil }).from(articles).where(eq(articles.id, id)).limit(1).for("update");
  return rows[0];
}

/** Sets (a date) or lifts (null) the embargo. The working copy's version does not move: it is not an edit. */
export async function updateArticleEmbargo({ db, id, embargoUntil }: { db: Tx; id: string; embargoUntil: Date | null }): Promise<void> {
  await db.update(articles).set({ embargoUntil }).where(eq(articles.id, id));
}

/** Articles still under embargo at `now` that the user may see, soonest release first. */
export async function listEmbargoedArticles({ db, user, now, limit = 50 }: { db: Tx; user: { id: string; role: string }; now: Date; limit?: number }) {
  return db
    .select({ id: articles.id, headline: articles.headline, status: articles.status, embargoUntil: articles.embargoUntil })
    .from(articles)
    .where(
      and(
        isNotNull(articles.embargoUntil),
        gt(articles.embargoUntil, sql`${now.toISOString()}::timestamptz`),
        // Once live without pending changes, an embargo no longer holds anything back.
        sql`not (${articles.status} = 'published' and ${articles.hasUnpublishedChanges} = false)`,
        visibleTo(user),
      ),
    )
    .orderBy(asc(articles.embargoUntil), asc(articles.id))
    .limit(limit);
}

export type EmbargoedRow = Awaited<ReturnType<typeof listEmbargoedArticles>>[number];
