import "server-only";
import { and, asc, desc, eq, inArray, sql, type SQL } from "drizzle-orm";
import type { Tx } from "@/db";
import { articleAuthors, articleRevisions, articles, authorProfiles, corrections, sections } from "@/db/schema";

/** Every public query goes through this: only published articles, never anything else. */
export function publishedOnly(extra?: SQL): SQL {
  const base = and(eq(articles.status, "published"), sql`${articles.publishedRevisionId} is not null`)!;
  return extra ? and(base, extra)! : base;
}

const cardColumns = {
  id: articles.id,
  slug: articles.slug,
  headline: articleRevisions.headline,
  dek: articleRevisions.dek,
  language: articleRevisions.language,
  featuredImage: articleRevisions.featuredImage,
  firstPublishedAt: articles.firstPublishedAt,
  publishedUpdatedAt: articles.publishedUpdatedAt,
  sectionName: sections.name,
  sectionSlug: sections.slug,
};

export type ArticleCard = Awaited<ReturnType<typeof listPublishedArticles>>[number];

export async function listPublishedArticles({ db, limit = 20, offset = 0, where }: { db: Tx; limit?: number; offset?: number; where?: SQL }) {
  return db
    .select(cardColumns)
    .from(articles)
    .innerJoin(articleRevisions, eq(articleRevisions.id, articles.publishedRevisionId))
    .leftJoin(sections, eq(sections.id, articleRevisions.sectionId))
    .where(publishedOnly(where))
    .orderBy(desc(articles.firstPublishedAt), desc(articles.id))
    .limit(limit)
    .offset(offset);
}

export async function getPublishedArticleBySlug({ db, slug }: { db: Tx; slug: string }) {
  const rows = await db
    .select({
      id: articles.id,
      slug: articles.slug,
      firstPublishedAt: articles.firstPublishedAt,
      publishedUpdatedAt: articles.publishedUpdatedAt,
      revision: {
        headline: articleRevisions.headline,
        dek: articleRevisions.dek,
        highlights: articleRevisions.highlights,
        bodyHtml: articleRevisions.bodyHtml,
        body: articleRevisions.body,
        tags: articleRevisions.tags,
        language: articleRevisions.language,
        featuredImage: articleRevisions.featuredImage,
      },
      section: { name: sections.name, slug: sections.slug },
    })
    .from(articles)
    .innerJoin(articleRevisions, eq(articleRevisions.id, articles.publishedRevisionId))
    .leftJoin(sections, eq(sections.id, articleRevisions.sectionId))
    .where(publishedOnly(eq(articles.slug, slug)))
    .limit(1);
  return rows[0];
}

export async function getBylines({ db, articleIds }: { db: Tx; articleIds: string[] }) {
  if (articleIds.length === 0) return [];
  return db
    .select({
      articleId: articleAuthors.articleId,
      position: articleAuthors.position,
      slug: authorProfiles.slug,
      displayName: authorProfiles.displayName,
      jobTitle: authorProfiles.jobTitle,
      bio: authorProfiles.bio,
      bioLanguage: authorProfiles.bioLanguage,
      photoPath: authorProfiles.photoPath,
    })
    .from(articleAuthors)
    .innerJoin(authorProfiles, eq(authorProfiles.userId, articleAuthors.userId))
    .where(inArray(articleAuthors.articleId, articleIds))
    .orderBy(asc(articleAuthors.articleId), asc(articleAuthors.position));
}

export async function getCorrections({ db, articleId }: { db: Tx; articleId: string }) {
  return db
    .select({ id: corrections.id, note: corrections.note, createdAt: corrections.createdAt })
    .from(corrections)
    .where(eq(corrections.articleId, articleId))
    .orderBy(asc(corrections.createdAt));
}
