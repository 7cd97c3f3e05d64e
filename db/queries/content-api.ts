import "server-only";

import { and, asc, desc, eq, gt, gte, sql, type SQL } from "drizzle-orm";

import type { Tx } from "@/db";
import { articleRevisions, articles, authorProfiles, publishedArticleAuthors, sections, tags } from "@/db/schema";

import { cardColumns, publicAuthorColumns, publishedOnly, withLiveByline, withTagInUse } from "./public";

/*
 * The Content API's own reads. Articles come from the public queries (db/queries/public.ts, all
 * through publishedOnly); these add what only the API needs: keyset cursors and the lists of
 * public authors and tags.
 */

/** Articles after a cursor in the public lists' order (newest first publication, then id). */
export const afterArticle = (cursor: { publishedAt: Date; id: string }): SQL =>
  sql`(${articles.firstPublishedAt}, ${articles.id}) < (${cursor.publishedAt.toISOString()}::timestamptz, ${cursor.id}::uuid)`;

/** Articles whose live version changed at or after `since`. */
export const updatedSince = (since: Date): SQL => gte(articles.publishedUpdatedAt, since);

/** An author as an API article lists them: from the live byline (published_article_authors). */
export type ApiByline = { slug: string; displayName: string; jobTitle: string };

/** The article's live byline in order, as a JSON array, read in the article's own statement. */
const liveBylineJson = sql<ApiByline[]>`coalesce((
    select json_agg(json_build_object('slug', ${authorProfiles.slug}, 'displayName', ${authorProfiles.displayName}, 'jobTitle', ${authorProfiles.jobTitle})
      order by ${publishedArticleAuthors.position})
    from ${publishedArticleAuthors} join ${authorProfiles} on ${authorProfiles.userId} = ${publishedArticleAuthors.userId}
    where ${publishedArticleAuthors.articleId} = ${articles.id}), '[]'::json)`;

/**
 * A page of the API's article list (the public lists' order, through publishedOnly), each article
 * with its live byline: one statement a page.
 */
export async function listApiArticles({ db, where, limit }: { db: Tx; where?: SQL; limit: number }) {
  return db
    .select({ ...cardColumns, bodyHtml: articleRevisions.bodyHtml, tags: articleRevisions.tags, authors: liveBylineJson })
    .from(articles)
    .innerJoin(articleRevisions, eq(articleRevisions.id, articles.publishedRevisionId))
    .leftJoin(sections, eq(sections.id, articleRevisions.sectionId))
    .where(publishedOnly(where))
    .orderBy(desc(articles.firstPublishedAt), desc(articles.id))
    .limit(limit);
}

/** Authors with a live byline (as their public pages), by slug. */
export async function listPublicAuthors({ db, after, limit }: { db: Tx; after?: string; limit: number }) {
  return db
    .select(publicAuthorColumns)
    .from(authorProfiles)
    .where(and(withLiveByline(), after === undefined ? undefined : gt(authorProfiles.slug, after)))
    .orderBy(asc(authorProfiles.slug))
    .limit(limit);
}

/** Tags carried by a published article, by slug. */
export async function listPublicTags({ db, after, limit }: { db: Tx; after?: string; limit: number }) {
  return db
    .select({ name: tags.name, slug: tags.slug })
    .from(tags)
    .where(and(withTagInUse(), after === undefined ? undefined : gt(tags.slug, after)))
    .orderBy(asc(tags.slug))
    .limit(limit);
}

/** Sections in menu order (public: the site's navigation shows them all). */
export async function listPublicSections({ db }: { db: Tx }) {
  return db
    .select({ name: sections.name, slug: sections.slug, position: sections.position })
    .from(sections)
    .orderBy(asc(sections.position), asc(sections.name));
}
