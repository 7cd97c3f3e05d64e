import "server-only";

import { and, asc, count, desc, eq, gte, inArray, sql, type SQL } from "drizzle-orm";

import type { Tx } from "@/db";
import {
  articleRevisions,
  articles,
  authorProfiles,
  corrections,
  publishedArticleAuthors,
  publishedArticleTags,
  sections,
  slugRedirects,
  tags,
  type FeaturedImage,
} from "@/db/schema";

/** Every public query goes through this: only published articles, never anything else. */
export function publishedOnly(extra?: SQL): SQL {
  const base = and(eq(articles.status, "published"), sql`${articles.publishedRevisionId} is not null`)!;
  return extra ? and(base, extra)! : base;
}

export const PAGE_SIZE = 20;

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

/** Filters for article lists; each is combined with publishedOnly. */
/** On the live revision's section (articles.published_section_id, indexed with the publication date). */
export const inSection = (slug: string): SQL => sql`${articles.publishedSectionId} = (select ${sections.id} from ${sections} where ${sections.slug} = ${slug})`;
export const withTag = (tagId: number): SQL =>
  sql`exists (select 1 from ${publishedArticleTags} where ${publishedArticleTags.articleId} = ${articles.id} and ${publishedArticleTags.tagId} = ${tagId})`;
/** On the live revision's byline (published_article_authors), never the working one. */
export const byAuthor = (userId: string): SQL =>
  sql`exists (select 1 from ${publishedArticleAuthors} where ${publishedArticleAuthors.articleId} = ${articles.id} and ${publishedArticleAuthors.userId} = ${userId})`;
export const withId = (id: string): SQL => eq(articles.id, id);
export const publishedSince = (since: Date): SQL => gte(articles.firstPublishedAt, since);

export async function listPublishedArticles({ db, limit = PAGE_SIZE, offset = 0, where }: { db: Tx; limit?: number; offset?: number; where?: SQL }) {
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

/**
 * The front page's section blocks in one statement: each section (in menu order) with its
 * `perSection` most recent published articles (a lateral join walking articles_published_section_idx).
 * Sections without published articles are left out.
 */
export async function listSectionFronts({ db, perSection }: { db: Tx; perSection: number }) {
  const card = db
    .select({
      id: sql<string>`${articles.id}`.as("card_id"),
      slug: sql<string>`${articles.slug}`.as("card_slug"),
      headline: sql<string>`${articleRevisions.headline}`.as("card_headline"),
      dek: sql<string>`${articleRevisions.dek}`.as("card_dek"),
      language: sql<string>`${articleRevisions.language}`.as("card_language"),
      featuredImage: sql<FeaturedImage | null>`${articleRevisions.featuredImage}`.as("card_featured_image"),
      firstPublishedAt: articles.firstPublishedAt,
      publishedUpdatedAt: articles.publishedUpdatedAt,
    })
    .from(articles)
    .innerJoin(articleRevisions, eq(articleRevisions.id, articles.publishedRevisionId))
    .where(publishedOnly(eq(articles.publishedSectionId, sections.id)))
    // The section first (constant here): the order of articles_published_section_idx, so even a
    // section with few articles is read from its own index entries, not by walking every article.
    .orderBy(desc(articles.publishedSectionId), desc(articles.firstPublishedAt), desc(articles.id))
    .limit(perSection)
    .as("card");
  const rows = await db
    .select({
      sectionName: sections.name,
      sectionSlug: sections.slug,
      id: card.id,
      slug: card.slug,
      headline: card.headline,
      dek: card.dek,
      language: card.language,
      featuredImage: card.featuredImage,
      firstPublishedAt: card.firstPublishedAt,
      publishedUpdatedAt: card.publishedUpdatedAt,
    })
    .from(sections)
    .crossJoinLateral(card)
    .orderBy(asc(sections.position), asc(sections.name), asc(sections.id), desc(card.firstPublishedAt), desc(card.id));
  const fronts: { name: string; slug: string; articles: ArticleCard[] }[] = [];
  for (const { sectionName, sectionSlug, ...rest } of rows) {
    let front = fronts.at(-1);
    if (front?.slug !== sectionSlug) fronts.push((front = { name: sectionName, slug: sectionSlug, articles: [] }));
    front.articles.push({ ...rest, sectionName, sectionSlug });
  }
  return fronts;
}

export async function countPublishedArticles({ db, where }: { db: Tx; where?: SQL }): Promise<number> {
  // Every filter above reads the articles row (or an indexed table of its own): no join with the
  // revisions, which made a section or author count read every published article's revision.
  const [row] = await db.select({ n: count() }).from(articles).where(publishedOnly(where));
  return Number(row?.n ?? 0);
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
        seo: articleRevisions.seo,
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

/** The current slug of a published article that used to live at `oldSlug`, if any. */
export async function findSlugRedirect({ db, oldSlug }: { db: Tx; oldSlug: string }): Promise<string | undefined> {
  const rows = await db
    .select({ slug: articles.slug })
    .from(slugRedirects)
    .innerJoin(articles, eq(articles.id, slugRedirects.articleId))
    .where(publishedOnly(eq(slugRedirects.oldSlug, oldSlug)))
    .limit(1);
  return rows[0]?.slug;
}

/**
 * Published articles close to this one: each live tag they share counts two, the same live
 * section one; the closest first, newest first among equals.
 */
export async function listRelatedArticles({ db, articleId, limit = 4 }: { db: Tx; articleId: string; limit?: number }) {
  const shared = sql<number>`(select count(*) from published_article_tags p2
    join published_article_tags p3 on p3.tag_id = p2.tag_id
    where p2.article_id = ${articles.id} and p3.article_id = ${articleId})`;
  const sameSection = sql<number>`(case when ${articles.publishedSectionId} = (select a2.published_section_id from articles a2 where a2.id = ${articleId}) then 1 else 0 end)`;
  const score = sql<number>`(2 * ${shared} + ${sameSection})`;
  return db
    .select(cardColumns)
    .from(articles)
    .innerJoin(articleRevisions, eq(articleRevisions.id, articles.publishedRevisionId))
    .leftJoin(sections, eq(sections.id, articleRevisions.sectionId))
    .where(publishedOnly(and(sql`${articles.id} <> ${articleId}`, sql`${score} > 0`)))
    .orderBy(desc(score), desc(articles.firstPublishedAt), desc(articles.id))
    .limit(limit);
}

/**
 * The published articles just before (older) and just after (newer) this one in its live
 * section, by first publication; none when the article has no section.
 */
export async function getSectionNeighbours({ db, articleId }: { db: Tx; articleId: string }) {
  const [self] = await db
    .select({ sectionId: articles.publishedSectionId, at: articles.firstPublishedAt })
    .from(articles)
    .where(publishedOnly(eq(articles.id, articleId)))
    .limit(1);
  if (!self?.sectionId || !self.at) return { previous: null, next: null };
  const neighbour = async (direction: "previous" | "next") => {
    const before = direction === "previous";
    const rows = await db
      .select(cardColumns)
      .from(articles)
      .innerJoin(articleRevisions, eq(articleRevisions.id, articles.publishedRevisionId))
      .leftJoin(sections, eq(sections.id, articleRevisions.sectionId))
      .where(
        publishedOnly(
          and(
            eq(articles.publishedSectionId, self.sectionId!),
            // (first_published_at, id) as one key, so two articles published at the same instant still follow each other.
            before
              ? sql`(${articles.firstPublishedAt}, ${articles.id}) < (${self.at!.toISOString()}::timestamptz, ${articleId}::uuid)`
              : sql`(${articles.firstPublishedAt}, ${articles.id}) > (${self.at!.toISOString()}::timestamptz, ${articleId}::uuid)`,
          ),
        ),
      )
      .orderBy(...(before ? [desc(articles.firstPublishedAt), desc(articles.id)] : [asc(articles.firstPublishedAt), asc(articles.id)]))
      .limit(1);
    return rows[0] ?? null;
  };
  const [previous, next] = await Promise.all([neighbour("previous"), neighbour("next")]);
  return { previous, next };
}

/** What a byline shows of an author: the article page's author cards, in public and in previews. */
export const bylineColumns = {
  slug: authorProfiles.slug,
  displayName: authorProfiles.displayName,
  jobTitle: authorProfiles.jobTitle,
  bio: authorProfiles.bio,
  bioLanguage: authorProfiles.bioLanguage,
  photoPath: authorProfiles.photoPath,
};

/** The live bylines (the published revision's authors, in order). */
export async function getBylines({ db, articleIds }: { db: Tx; articleIds: string[] }) {
  if (articleIds.length === 0) return [];
  return db
    .select({ articleId: publishedArticleAuthors.articleId, position: publishedArticleAuthors.position, ...bylineColumns })
    .from(publishedArticleAuthors)
    .innerJoin(authorProfiles, eq(authorProfiles.userId, publishedArticleAuthors.userId))
    .where(inArray(publishedArticleAuthors.articleId, articleIds))
    .orderBy(asc(publishedArticleAuthors.articleId), asc(publishedArticleAuthors.position));
}

export async function getCorrections({ db, articleId }: { db: Tx; articleId: string }) {
  return db
    .select({ id: corrections.id, note: corrections.note, createdAt: corrections.createdAt })
    .from(corrections)
    .where(eq(corrections.articleId, articleId))
    .orderBy(asc(corrections.createdAt));
}

/** What an author page (and the Content API) shows of an author. */
export const publicAuthorColumns = {
  slug: authorProfiles.slug,
  displayName: authorProfiles.displayName,
  jobTitle: authorProfiles.jobTitle,
  bio: authorProfiles.bio,
  bioLanguage: authorProfiles.bioLanguage,
  photoPath: authorProfiles.photoPath,
  location: authorProfiles.location,
  links: authorProfiles.links,
};

export async function getAuthorBySlug({ db, slug }: { db: Tx; slug: string }) {
  const rows = await db
    .select({ userId: authorProfiles.userId, ...publicAuthorColumns })
    .from(authorProfiles)
    .where(and(eq(authorProfiles.slug, slug), withLiveByline()))
    .limit(1);
  return rows[0];
}

/**
 * An author is public only while a published article carries their byline:
 * an admin, someone who never published, or whose only articles are unpublished has no page.
 */
export function withLiveByline(): SQL {
  return sql`exists (select 1 from ${publishedArticleAuthors} join ${articles} on ${articles.id} = ${publishedArticleAuthors.articleId}
    where ${publishedArticleAuthors.userId} = ${authorProfiles.userId} and ${publishedOnly()})`;
}

/** A tag is public only while a published article carries it, so a draft's tags never show. */
export async function getPublicTagBySlug({ db, slug }: { db: Tx; slug: string }) {
  const rows = await db
    .select({ id: tags.id, name: tags.name, slug: tags.slug })
    .from(tags)
    .where(and(eq(tags.slug, slug), withTagInUse()))
    .limit(1);
  return rows[0];
}

export function withTagInUse(): SQL {
  return sql`exists (select 1 from ${publishedArticleTags} join ${articles} on ${articles.id} = ${publishedArticleTags.articleId}
    where ${publishedArticleTags.tagId} = ${tags.id} and ${publishedOnly()})`;
}

export async function listSections({ db }: { db: Tx }) {
  return db.select({ name: sections.name, slug: sections.slug }).from(sections).orderBy(asc(sections.position), asc(sections.name));
}

export async function getSectionBySlug({ db, slug }: { db: Tx; slug: string }) {
  const rows = await db.select({ name: sections.name, slug: sections.slug }).from(sections).where(eq(sections.slug, slug)).limit(1);
  return rows[0];
}

/** Everything a crawler may index: published articles, and the tags and authors they carry. */
/**
 * Published articles for the sitemaps, oldest first so that a file's contents only change when
 * an article in it changes or goes; new articles land in the last file.
 */
export async function listSitemapArticles({ db, offset, limit }: { db: Tx; offset: number; limit: number }) {
  return db
    .select({ slug: articles.slug, updatedAt: articles.publishedUpdatedAt })
    .from(articles)
    .where(publishedOnly())
    .orderBy(asc(articles.firstPublishedAt), asc(articles.id))
    .offset(offset)
    .limit(limit);
}

/** One row per article sitemap file of `perFile` articles (same order as above): its last change. */
export async function listSitemapArticleFiles({ db, perFile }: { db: Tx; perFile: number }) {
  const ranked = db
    .select({
      updatedAt: articles.publishedUpdatedAt,
      rank: sql<number>`row_number() over (order by ${articles.firstPublishedAt} asc, ${articles.id} asc)`.as("rank"),
    })
    .from(articles)
    .where(publishedOnly())
    .as("ranked");
  // A literal, not a parameter: the same expression is selected and grouped by, and two bound
  // parameters would be two different expressions to PostgreSQL.
  if (!Number.isInteger(perFile) || perFile < 1) throw new RangeError("perFile must be a positive integer");
  const file = sql<number>`((${ranked.rank} - 1) / ${sql.raw(String(perFile))})::int`;
  return db
    .select({ file: file.as("file"), lastmod: sql<Date | null>`max(${ranked.updatedAt})`.mapWith(articles.publishedUpdatedAt) })
    .from(ranked)
    .groupBy(file)
    .orderBy(file);
}

/** Tags and authors for the pages sitemap. */
export async function listSitemapEntries({ db }: { db: Tx }) {
  const [tagRows, authorRows] = await Promise.all([
    db.select({ slug: tags.slug }).from(tags).where(withTagInUse()).orderBy(asc(tags.slug)),
    db
      .selectDistinct({ slug: authorProfiles.slug })
      .from(authorProfiles)
      .innerJoin(publishedArticleAuthors, eq(publishedArticleAuthors.userId, authorProfiles.userId))
      .innerJoin(articles, eq(articles.id, publishedArticleAuthors.articleId))
      .where(publishedOnly())
      .orderBy(asc(authorProfiles.slug)),
  ]);
  return { tags: tagRows.map((t) => t.slug), authors: authorRows.map((a) => a.slug) };
}

/** An author as a feed item or the Content API's list names them: from the live byline. */
export type ListByline = { slug: string; displayName: string; jobTitle: string };

/** The article's live byline (published_article_authors) in order, as a JSON array, read in the article's own statement. */
const liveBylineJson = sql<ListByline[]>`coalesce((
    select json_agg(json_build_object('slug', ${authorProfiles.slug}, 'displayName', ${authorProfiles.displayName}, 'jobTitle', ${authorProfiles.jobTitle})
      order by ${publishedArticleAuthors.position})
    from ${publishedArticleAuthors} join ${authorProfiles} on ${authorProfiles.userId} = ${publishedArticleAuthors.userId}
    where ${publishedArticleAuthors.articleId} = ${articles.id}), '[]'::json)`;

/**
 * Articles for a feed and the Content API's list: the card plus the live body, tags, SEO fields
 * and byline, one statement for a page of them.
 */
export async function listFeedArticles({ db, where, limit = 30 }: { db: Tx; where?: SQL; limit?: number }) {
  return db
    .select({ ...cardColumns, bodyHtml: articleRevisions.bodyHtml, tags: articleRevisions.tags, seo: articleRevisions.seo, authors: liveBylineJson })
    .from(articles)
    .innerJoin(articleRevisions, eq(articleRevisions.id, articles.publishedRevisionId))
    .leftJoin(sections, eq(sections.id, articleRevisions.sectionId))
    .where(publishedOnly(where))
    .orderBy(desc(articles.firstPublishedAt), desc(articles.id))
    .limit(limit);
}
