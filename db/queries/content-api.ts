import "server-only";

import { and, asc, gt, gte, sql, type SQL } from "drizzle-orm";

import type { Tx } from "@/db";
import { articles, authorProfiles, sections, tags } from "@/db/schema";

import { publicAuthorColumns, withLiveByline, withTagInUse } from "./public";

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
