import "server-only";

import { sql } from "drizzle-orm";

import { queryRows, type Tx } from "@/db";

/**
 * The ids a published article's page depends on: the article, its live section, tags and byline.
 * Undefined when no published article has this slug.
 */
export async function getArticleCacheTagIds({ db, slug }: { db: Tx; slug: string }) {
  const [row] = await queryRows<{ id: string; sectionId: number | null; tagIds: number[] | null; authorIds: string[] | null }>(
    db,
    sql`select a.id, a.published_section_id as "sectionId",
          array(select p.tag_id from published_article_tags p where p.article_id = a.id) as "tagIds",
          array(select p.user_id from published_article_authors p where p.article_id = a.id) as "authorIds"
        from articles a
        where a.slug = ${slug} and a.status = 'published' and a.published_revision_id is not null
        limit 1`,
  );
  return row ? { id: row.id, sectionId: row.sectionId, tagIds: row.tagIds ?? [], authorIds: row.authorIds ?? [] } : undefined;
}

export async function getAuthorIdBySlug({ db, slug }: { db: Tx; slug: string }): Promise<string | undefined> {
  const [row] = await queryRows<{ id: string }>(db, sql`select user_id as id from author_profiles where slug = ${slug} limit 1`);
  return row?.id;
}

export async function getTagIdBySlug({ db, slug }: { db: Tx; slug: string }): Promise<number | undefined> {
  const [row] = await queryRows<{ id: number }>(db, sql`select id from tags where slug = ${slug} limit 1`);
  return row?.id;
}

export async function getSectionIdBySlug({ db, slug }: { db: Tx; slug: string }): Promise<number | undefined> {
  const [row] = await queryRows<{ id: number }>(db, sql`select id from sections where slug = ${slug} limit 1`);
  return row?.id;
}

export type PurgeRow = { id: number; tags: string[]; attempts: number };

/**
 * Claims due purges: leased (next attempt pushed past the lease) under SKIP LOCKED, so two
 * instances never send the same row at once.
 */
export async function claimDuePurges({ db, now, leaseUntil, limit }: { db: Tx; now: Date; leaseUntil: Date; limit: number }): Promise<PurgeRow[]> {
  return queryRows<PurgeRow>(
    db,
    sql`update cdn_purge_outbox set next_attempt_at = ${leaseUntil.toISOString()}::timestamptz
        where id in (
          select id from cdn_purge_outbox
          where attempts < ${MAX_PURGE_ATTEMPTS} and next_attempt_at <= ${now.toISOString()}::timestamptz
          order by id limit ${limit}
          for update skip locked)
        returning id, tags, attempts`,
  );
}

/** After this many failures a purge stays in the table with its last error, for the operator. */
export const MAX_PURGE_ATTEMPTS = 10;

export async function deletePurges({ db, ids }: { db: Tx; ids: number[] }): Promise<void> {
  if (ids.length === 0) return;
  await db.execute(
    sql`delete from cdn_purge_outbox where id in (${sql.join(
      ids.map((id) => sql`${id}`),
      sql`, `,
    )})`,
  );
}

export async function deleteAllPurges({ db }: { db: Tx }): Promise<void> {
  await db.execute(sql`delete from cdn_purge_outbox`);
}

export async function updatePurgesFailed({ db, ids, nextAttemptAt, error }: { db: Tx; ids: number[]; nextAttemptAt: Date; error: string }): Promise<void> {
  if (ids.length === 0) return;
  await db.execute(
    sql`update cdn_purge_outbox set attempts = attempts + 1, next_attempt_at = ${nextAttemptAt.toISOString()}::timestamptz, last_error = ${error.slice(0, 500)}
        where id in (${sql.join(
          ids.map((id) => sql`${id}`),
          sql`, `,
        )})`,
  );
}

export async function listPendingPurges({ db }: { db: Tx }): Promise<{ id: number; tags: string[]; attempts: number; lastError: string | null }[]> {
  return queryRows(db, sql`select id, tags, attempts, last_error as "lastError" from cdn_purge_outbox order by id`);
}
