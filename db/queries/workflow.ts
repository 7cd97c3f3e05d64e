import "server-only";

import { and, eq, sql } from "drizzle-orm";

import { queryRows, type Tx } from "@/db";
import { articles, comments } from "@/db/schema";
import type { ArticleStatus } from "@/lib/workflow/article-workflow";

/**
 * Moves an article to another status only if it is still in the status and at the version the
 * caller checked: of two concurrent transitions exactly one matches. False when nothing matched.
 */
export async function updateArticleStatus({
  db,
  id,
  from,
  version,
  set,
  embargoUntil,
}: {
  db: Tx;
  id: string;
  from: ArticleStatus;
  version: number;
  set: { status: ArticleStatus; submittedAt?: Date; scheduledAt?: Date | null };
  /** The embargo the caller checked: an embargo set or changed meanwhile makes the move miss too. */
  embargoUntil?: Date | null;
}): Promise<boolean> {
  const embargoSame =
    embargoUntil === undefined ? undefined : sql`${articles.embargoUntil} is not distinct from ${embargoUntil?.toISOString() ?? null}::timestamptz`;
  const changed = await db
    .update(articles)
    .set(set)
    .where(and(eq(articles.id, id), eq(articles.status, from), eq(articles.version, version), embargoSame))
    .returning({ id: articles.id });
  return changed.length > 0;
}

/** The editor's request-changes comment, which opens the discussion of what to rework. */
export async function insertRequestChangesComment({
  db,
  articleId,
  authorId,
  body,
}: {
  db: Tx;
  articleId: string;
  authorId: string;
  body: string;
}): Promise<void> {
  await db.insert(comments).values({ articleId, authorId, kind: "request_changes", body });
}

/**
 * Locks the next scheduled article due by `now` (but those in `skipIds`, and those still under
 * embargo: they wait for it to pass, then go out on the next run), in the caller's
 * transaction; SKIP LOCKED lets a concurrent runner take the next one instead of waiting.
 */
export async function claimDueScheduledArticle({ db, now, skipIds }: { db: Tx; now: Date; skipIds: string[] }): Promise<string | null> {
  const skip = skipIds.length
    ? sql`and id not in (${sql.join(
        skipIds.map((id) => sql`${id}::uuid`),
        sql`, `,
      )})`
    : sql``;
  const [due] = await queryRows<{ id: string }>(
    db,
    sql`select id from articles where status = 'scheduled' and scheduled_at <= ${now.toISOString()}::timestamptz
        and (embargo_until is null or embargo_until <= ${now.toISOString()}::timestamptz) ${skip}
        order by scheduled_at, id limit 1 for update skip locked`,
  );
  return due?.id ?? null;
}
