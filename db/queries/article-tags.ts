import "server-only";

import { and, asc, eq, ilike, inArray, or, sql } from "drizzle-orm";

import type { Tx } from "@/db";
import { articleAuthors, articles, articleTags, publishedArticleTags, tags, type Tag, type TagSnapshot } from "@/db/schema";
import { tagIdentityOfSlug } from "@/lib/validations/article";

/** A tag's identity in SQL: its slug without hyphens (tagIdentityOfSlug). */
export const tagIdentitySql = sql<string>`replace(${tags.slug}, '-', '')`;

/** The tags whose identity is one of `identities`. */
export async function listTagsByIdentity({ db, identities }: { db: Tx; identities: string[] }): Promise<Tag[]> {
  if (identities.length === 0) return [];
  return db.select().from(tags).where(inArray(tagIdentitySql, identities));
}

/**
 * Finds the tags by identity and creates those that do not exist yet; returns all of them (in no
 * particular order). `identity` is `slug` without hyphens.
 */
export async function upsertTags({ db, tags: wanted }: { db: Tx; tags: { slug: string; name: string; identity: string }[] }): Promise<Tag[]> {
  if (wanted.length === 0) return [];
  const identities = wanted.map((t) => t.identity);
  const found = await listTagsByIdentity({ db, identities });
  const have = new Set(found.map((t) => tagIdentityOfSlug(t.slug)));
  const missing = wanted.filter((t) => !have.has(t.identity)).map(({ slug, name }) => ({ slug, name }));
  if (missing.length === 0) return found;
  await db.insert(tags).values(missing).onConflictDoNothing({ target: tags.slug });
  return listTagsByIdentity({ db, identities });
}

/** The working copy's tags, in order. */
export async function listArticleTags({ db, articleId }: { db: Tx; articleId: string }): Promise<TagSnapshot[]> {
  return db
    .select({ id: tags.id, name: tags.name, slug: tags.slug })
    .from(articleTags)
    .innerJoin(tags, eq(tags.id, articleTags.tagId))
    .where(eq(articleTags.articleId, articleId))
    .orderBy(asc(articleTags.position));
}

export async function replaceArticleTags({ db, articleId, tagIds }: { db: Tx; articleId: string; tagIds: number[] }): Promise<void> {
  await db.delete(articleTags).where(eq(articleTags.articleId, articleId));
  if (tagIds.length) await db.insert(articleTags).values(tagIds.map((tagId, position) => ({ articleId, tagId, position })));
}

/** The live revision's tags, copied for the public lists. */
export async function replacePublishedTags({ db, articleId, tagIds }: { db: Tx; articleId: string; tagIds: number[] }): Promise<void> {
  await db.delete(publishedArticleTags).where(eq(publishedArticleTags.articleId, articleId));
  if (tagIds.length) await db.insert(publishedArticleTags).values(tagIds.map((tagId, position) => ({ articleId, tagId, position })));
}

/**
 * Who may be suggested which tags: "all", or only tags on a published article's live revision
 * or on the working copy of an article `authorId` is on the byline of.
 */
export type TagScope = "all" | { authorId: string };

function tagsIn(scope: TagScope) {
  if (scope === "all") return undefined;
  return or(
    sql`exists (select 1 from ${publishedArticleTags} join ${articles} on ${articles.id} = ${publishedArticleTags.articleId}
      where ${publishedArticleTags.tagId} = ${tags.id} and ${articles.status} = 'published' and ${articles.publishedRevisionId} is not null)`,
    sql`exists (select 1 from ${articleTags} join ${articleAuthors} on ${articleAuthors.articleId} = ${articleTags.articleId}
      where ${articleTags.tagId} = ${tags.id} and ${articleAuthors.userId} = ${scope.authorId})`,
  );
}

/** Tag names whose slug starts with `slugPrefix` or whose name contains `nameContains`, by name. */
export async function listTagSuggestions({
  db,
  scope,
  slugPrefix,
  nameContains,
  limit,
}: {
  db: Tx;
  scope: TagScope;
  slugPrefix: string;
  nameContains: string;
  limit: number;
}): Promise<string[]> {
  const rows = await db
    .select({ name: tags.name })
    .from(tags)
    .where(and(or(sql`${tags.slug} like ${slugPrefix + "%"}`, ilike(tags.name, `%${nameContains}%`)), tagsIn(scope)))
    .orderBy(asc(tags.name))
    .limit(limit);
  return rows.map((r) => r.name);
}
