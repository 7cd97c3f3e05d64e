import "server-only";

import { desc, eq } from "drizzle-orm";

import type { Tx } from "@/db";
import { articleRevisions, articles, sections } from "@/db/schema";

import { publishedOnly } from "./public";

/** The most recent published articles, for the editors' choice of a lead story. */
export async function listLeadCandidates({ db, limit = 40 }: { db: Tx; limit?: number }) {
  return db
    .select({ id: articles.id, headline: articleRevisions.headline, firstPublishedAt: articles.firstPublishedAt })
    .from(articles)
    .innerJoin(articleRevisions, eq(articleRevisions.id, articles.publishedRevisionId))
    .where(publishedOnly())
    .orderBy(desc(articles.firstPublishedAt), desc(articles.id))
    .limit(limit);
}

export async function isPublishedArticle({ db, articleId }: { db: Tx; articleId: string }): Promise<boolean> {
  const rows = await db
    .select({ id: articles.id })
    .from(articles)
    .where(publishedOnly(eq(articles.id, articleId)))
    .limit(1);
  return rows.length > 0;
}

export async function listSectionSlugs({ db }: { db: Tx }): Promise<string[]> {
  const rows = await db.select({ slug: sections.slug }).from(sections);
  return rows.map((r) => r.slug);
}
