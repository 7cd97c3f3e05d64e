import "server-only";

import { asc, eq, gt, inArray, sql } from "drizzle-orm";
import type { AnyPgColumn, PgTable } from "drizzle-orm/pg-core";

import { queryRows, type Tx } from "@/db";
import { articleAuthors, articleRevisions, articles, articleTags, authorProfiles, sections, tags, users } from "@/db/schema";

/** The rows of a table after `after` in the order of its one-column primary key `column`, `limit` of them (export, a page at a time). */
export async function listRowsAfter({
  db,
  table,
  column,
  after,
  limit,
}: {
  db: Tx;
  table: PgTable;
  column: AnyPgColumn;
  after: unknown;
  limit: number;
}): Promise<Record<string, unknown>[]> {
  const q = db.select().from(table);
  return (await (after === undefined ? q : q.where(gt(column, after))).orderBy(asc(column)).limit(limit)) as Record<string, unknown>[];
}

/** Every row of a table (export). */
export async function listRows({ db, table }: { db: Tx; table: PgTable }): Promise<Record<string, unknown>[]> {
  return (await db.select().from(table)) as Record<string, unknown>[];
}

export async function countRows({ db, table }: { db: Tx; table: PgTable }): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(table);
  return Number(row?.n ?? 0);
}

/** Rows as exported, ids included, in chunks (import of a newsroom export). */
export async function insertRows({ db, table, rows }: { db: Tx; table: PgTable; rows: Record<string, unknown>[] }): Promise<void> {
  for (let i = 0; i < rows.length; i += 500) await db.insert(table).values(rows.slice(i, i + 500));
}

/** After rows were written with their own ids: the next generated id comes after them. */
export async function resetSerial({ db, table, column }: { db: Tx; table: string; column: string }): Promise<void> {
  await queryRows(
    db,
    sql`select setval(pg_get_serial_sequence(${table}, ${column}), coalesce((select max(${sql.identifier(column)}) from ${sql.identifier(table)}), 0) + 1, false)`,
  );
}

/** Before an import: the profiles of users already here whom the export stands for, and the site settings the export brings. */
export async function clearForImport({ db, table, userIds }: { db: Tx; table: "author_profiles" | "site_settings"; userIds?: string[] }): Promise<void> {
  if (table === "author_profiles") {
    if (userIds?.length) await db.delete(authorProfiles).where(inArray(authorProfiles.userId, userIds));
    return;
  }
  await db.execute(sql`delete from site_settings`);
}

/** lower(email) → id of the users already here among `emails`. */
export async function existingUsersByEmail({ db, emails }: { db: Tx; emails: string[] }): Promise<Map<string, string>> {
  if (!emails.length) return new Map();
  const rows = await db
    .select({ id: users.id, email: users.email })
    .from(users)
    .where(
      inArray(
        sql`lower(${users.email})`,
        emails.map((e) => e.toLowerCase()),
      ),
    );
  return new Map(rows.map((r) => [r.email.toLowerCase(), r.id]));
}

/** Every article's id and first author (as the item will name it), in export order: no body. */
export async function listArticleOrderForWxr({ db }: { db: Tx }) {
  const [order, working] = await Promise.all([
    db
      .select({ id: articles.id, liveId: articleRevisions.id, liveAuthorIds: articleRevisions.authorIds })
      .from(articles)
      .leftJoin(articleRevisions, eq(articleRevisions.id, articles.publishedRevisionId))
      .orderBy(asc(articles.createdAt), asc(articles.id)),
    db
      .select({ articleId: articleAuthors.articleId, userId: articleAuthors.userId })
      .from(articleAuthors)
      .orderBy(asc(articleAuthors.articleId), asc(articleAuthors.position)),
  ]);
  const firstWorking = new Map<string, string>();
  for (const a of working) if (!firstWorking.has(a.articleId)) firstWorking.set(a.articleId, a.userId);
  return order.map((r) => {
    const live = r.liveId ? r.liveAuthorIds : null;
    const first = live ? live[0] : firstWorking.get(r.id);
    return { id: r.id, firstAuthor: first ?? null };
  });
}

/** A page of articles with their live revision (null when never published), working bylines and tags. */
export async function listArticlePageForWxr({ db, ids }: { db: Tx; ids: string[] }) {
  const [rows, authors, tagRows] = await Promise.all([
    db
      .select({
        id: articles.id,
        status: articles.status,
        slug: articles.slug,
        headline: articles.headline,
        dek: articles.dek,
        body: articles.body,
        sectionId: articles.sectionId,
        featuredImage: articles.featuredImage,
        createdAt: articles.createdAt,
        scheduledAt: articles.scheduledAt,
        firstPublishedAt: articles.firstPublishedAt,
        live: {
          id: articleRevisions.id,
          headline: articleRevisions.headline,
          dek: articleRevisions.dek,
          bodyHtml: articleRevisions.bodyHtml,
          tags: articleRevisions.tags,
          sectionId: articleRevisions.sectionId,
          featuredImage: articleRevisions.featuredImage,
          authorIds: articleRevisions.authorIds,
        },
      })
      .from(articles)
      .leftJoin(articleRevisions, eq(articleRevisions.id, articles.publishedRevisionId))
      .where(inArray(articles.id, ids)),
    db
      .select({ articleId: articleAuthors.articleId, userId: articleAuthors.userId })
      .from(articleAuthors)
      .where(inArray(articleAuthors.articleId, ids))
      .orderBy(asc(articleAuthors.articleId), asc(articleAuthors.position)),
    db
      .select({ articleId: articleTags.articleId, name: tags.name, slug: tags.slug })
      .from(articleTags)
      .innerJoin(tags, eq(tags.id, articleTags.tagId))
      .where(inArray(articleTags.articleId, ids))
      .orderBy(asc(articleTags.articleId), asc(articleTags.position)),
  ]);
  const byId = new Map(rows.map((r) => [r.id, r]));
  const authorsOf = new Map<string, string[]>();
  for (const a of authors) authorsOf.set(a.articleId, [...(authorsOf.get(a.articleId) ?? []), a.userId]);
  const tagsOf = new Map<string, { name: string; slug: string }[]>();
  for (const t of tagRows) tagsOf.set(t.articleId, [...(tagsOf.get(t.articleId) ?? []), { name: t.name, slug: t.slug }]);
  return { rows: ids.map((id) => byId.get(id)).filter((r) => r !== undefined), authorsOf, tagsOf };
}

/** Every tag some article carries (working or live), for the header. */
export async function listUsedTagsForWxr({ db }: { db: Tx }) {
  return db.selectDistinct({ slug: tags.slug, name: tags.name }).from(tags).innerJoin(articleTags, eq(articleTags.tagId, tags.id)).orderBy(asc(tags.slug));
}

/** People with their public profile slug (their WordPress login in a WXR export). */
export async function listPeopleForWxr({ db }: { db: Tx }) {
  return db
    .select({ id: users.id, email: users.email, name: users.name, slug: authorProfiles.slug, displayName: authorProfiles.displayName })
    .from(users)
    .leftJoin(authorProfiles, eq(authorProfiles.userId, users.id));
}

export async function listSectionsForWxr({ db }: { db: Tx }) {
  return db.select({ id: sections.id, name: sections.name, slug: sections.slug }).from(sections).orderBy(asc(sections.position), asc(sections.id));
}
