import "server-only";

import { and, asc, eq, inArray, isNotNull, ne, or, sql, type SQL } from "drizzle-orm";

import type { Tx } from "@/db";
import { visibleTo } from "@/db/queries/articles";
import {
  articleAuthors,
  articleContributors,
  articleRevisions,
  articles,
  articleTags,
  corrections,
  publishedArticleAuthors,
  publishedArticleTags,
  sections,
  tags,
  users,
  type Article,
  type ArticleRevision,
  type Tag,
  type TagSnapshot,
} from "@/db/schema";
import { bodyText, renderBodyHtml } from "@/lib/rich-text/body";
import { slugify, tagDisplayName } from "@/lib/slug";

import { recordEvent } from "./events";

/** The PostgreSQL text search configuration for an article language (see migration 0001). */
export function searchConfigFor(language: string): "newsroom_fr" | "newsroom_en" | "newsroom_simple" {
  const base = language.toLowerCase().split("-")[0];
  if (base === "fr") return "newsroom_fr";
  if (base === "en") return "newsroom_en";
  return "newsroom_simple";
}

/** Who is choosing a slug: the clashes they are told about are only with articles they can see. */
export type SlugViewer = { id: string; role: string };

/**
 * The articles whose slug `viewer` may be told is taken: a slug is reserved once an article is
 * first published, and only a clash the viewer can see counts (a published article, or one the
 * viewer may open in the newsroom). Without a viewer (the first publication), every reserved slug
 * counts. So a journalist gets the same answer whether or not someone else's unpublished piece
 * uses the slug: no existence oracle.
 */
export function slugTakenFor(slug: string, { viewer, exceptId }: { viewer?: SlugViewer; exceptId?: string }): SQL {
  const visible = viewer ? visibleTo(viewer) : undefined;
  return and(
    eq(articles.slug, slug),
    isNotNull(articles.firstPublishedAt),
    exceptId ? ne(articles.id, exceptId) : undefined,
    visible ? or(eq(articles.status, "published"), visible) : undefined,
  )!;
}

export async function freeArticleSlug(db: Tx, wanted: string, opts: { viewer?: SlugViewer; exceptId?: string } = {}): Promise<string> {
  const base = slugify(wanted) || "article";
  for (let i = 1; ; i++) {
    const candidate = i === 1 ? base : `${base}-${i}`;
    const clash = await db.select({ id: articles.id }).from(articles).where(slugTakenFor(candidate, opts)).limit(1);
    if (!clash[0]) return candidate;
  }
}

/** Finds or creates tags by slug, so "#CybersécuritéFrançaise" and "cybersécurité française" are one tag. */
export async function ensureTags(db: Tx, typed: string[]): Promise<Tag[]> {
  const wanted = new Map<string, string>();
  for (const raw of typed) {
    const name = tagDisplayName(raw);
    const slug = slugify(name, 60);
    if (slug && !wanted.has(slug)) wanted.set(slug, name);
  }
  if (wanted.size === 0) return [];
  await db
    .insert(tags)
    .values([...wanted].map(([slug, name]) => ({ slug, name })))
    .onConflictDoNothing({ target: tags.slug });
  const rows = await db
    .select()
    .from(tags)
    .where(inArray(tags.slug, [...wanted.keys()]));
  const bySlug = new Map(rows.map((t) => [t.slug, t]));
  return [...wanted.keys()].map((s) => bySlug.get(s)!).filter(Boolean);
}

export async function setArticleTags(db: Tx, articleId: string, typed: string[]): Promise<Tag[]> {
  const list = await ensureTags(db, typed);
  await db.delete(articleTags).where(eq(articleTags.articleId, articleId));
  if (list.length) {
    await db.insert(articleTags).values(list.map((t, position) => ({ articleId, tagId: t.id, position })));
  }
  return list;
}

export async function getArticleTagSnapshot(db: Tx, articleId: string): Promise<TagSnapshot[]> {
  return db
    .select({ id: tags.id, name: tags.name, slug: tags.slug })
    .from(articleTags)
    .innerJoin(tags, eq(tags.id, articleTags.tagId))
    .where(eq(articleTags.articleId, articleId))
    .orderBy(asc(articleTags.position));
}

export async function getAuthorIds(db: Tx, articleId: string): Promise<string[]> {
  const rows = await db
    .select({ userId: articleAuthors.userId })
    .from(articleAuthors)
    .where(eq(articleAuthors.articleId, articleId))
    .orderBy(asc(articleAuthors.position));
  return rows.map((r) => r.userId);
}

/** Who wrote, edited or was on the byline of the working copy since it last went live. */
export async function getContributorIds(db: Tx, articleId: string): Promise<string[]> {
  const rows = await db.select({ userId: articleContributors.userId }).from(articleContributors).where(eq(articleContributors.articleId, articleId));
  return rows.map((r) => r.userId);
}

export async function addContributors(db: Tx, articleId: string, userIds: readonly (string | null)[]): Promise<void> {
  const ids = [...new Set(userIds.filter((id): id is string => Boolean(id)))];
  if (ids.length)
    await db
      .insert(articleContributors)
      .values(ids.map((userId) => ({ articleId, userId })))
      .onConflictDoNothing();
}

export type CreateArticleInput = {
  createdById: string;
  headline?: string;
  dek?: string;
  language?: string;
  sectionId?: number | null;
  highlights?: string[];
  body?: Article["body"];
  tags?: string[];
  authorIds?: string[];
  slug?: string;
};

export async function createArticle(db: Tx, input: CreateArticleInput): Promise<Article> {
  return db.transaction(async (tx) => {
    const headline = input.headline?.trim() ?? "";
    const [creator] = await tx.select({ id: users.id, role: users.role }).from(users).where(eq(users.id, input.createdById));
    const slug = await freeArticleSlug(tx, input.slug || headline || `article-${Date.now().toString(36)}`, {
      viewer: creator ?? { id: input.createdById, role: "journalist" },
    });
    const [article] = await tx
      .insert(articles)
      .values({
        slug,
        headline,
        dek: input.dek ?? "",
        language: input.language ?? "fr",
        sectionId: input.sectionId ?? null,
        highlights: input.highlights ?? [],
        body: input.body ?? { type: "doc", content: [] },
        createdById: input.createdById,
        updatedById: input.createdById,
      })
      .returning();
    const authorIds = [input.createdById, ...(input.authorIds ?? []).filter((id) => id !== input.createdById)];
    await tx.insert(articleAuthors).values(authorIds.map((userId, position) => ({ articleId: article.id, userId, position })));
    await addContributors(tx, article.id, authorIds);
    if (input.tags?.length) await setArticleTags(tx, article.id, input.tags);
    await recordEvent(tx, { type: "article.created", actorId: input.createdById, articleId: article.id, toStatus: "draft" });
    return article;
  });
}

/** Cuts an immutable revision of the working copy (on each transition and on "Save version"). */
export async function cutRevision(
  db: Tx,
  articleId: string,
  { reason, actorId, note }: { reason: string; actorId: string | null; note?: string | null },
): Promise<ArticleRevision> {
  const [article] = await db.select().from(articles).where(eq(articles.id, articleId)).limit(1);
  if (!article) throw new Error(`Article ${articleId} not found`);
  const tagSnapshot = await getArticleTagSnapshot(db, articleId);
  const authorIds = await getAuthorIds(db, articleId);
  const [{ next }] = await db
    .select({ next: sql<number>`coalesce(max(${articleRevisions.number}), 0) + 1` })
    .from(articleRevisions)
    .where(eq(articleRevisions.articleId, articleId));
  const [revision] = await db
    .insert(articleRevisions)
    .values({
      articleId,
      number: Number(next),
      reason,
      note: note ?? null,
      articleVersion: article.version,
      headline: article.headline,
      dek: article.dek,
      highlights: article.highlights,
      body: article.body,
      bodyHtml: renderBodyHtml(article.body),
      tags: tagSnapshot,
      sectionId: article.sectionId,
      language: article.language,
      featuredImage: article.featuredImage,
      authorIds,
      createdById: actorId,
    })
    .returning();
  return revision;
}

/**
 * Makes the working copy live: cuts a "publish" revision, points the article at it, copies its
 * tags for public lists and refreshes the search vector. Call inside the transition's transaction.
 */
export async function makeLive(
  db: Tx,
  articleId: string,
  { actorId, correction, now = new Date() }: { actorId: string | null; correction?: string | null; now?: Date },
): Promise<ArticleRevision> {
  const [before] = await db.select({ first: articles.firstPublishedAt, slug: articles.slug }).from(articles).where(eq(articles.id, articleId));
  // Working slugs may be shared until the first publication; now it must be free among the
  // published ones (a silent suffix, as the scheduler has nobody to ask).
  const slug = before && !before.first ? await freeArticleSlug(db, before.slug, { exceptId: articleId }) : undefined;
  if (slug && slug !== before?.slug) await db.update(articles).set({ slug }).where(eq(articles.id, articleId));
  const revision = await cutRevision(db, articleId, { reason: "publish", actorId, note: correction });
  await db
    .update(articles)
    .set({
      status: "published",
      publishedRevisionId: revision.id,
      // Only a section that still exists (the revision's section_id has no foreign key).
      publishedSectionId: sql`(select ${sections.id} from ${sections} where ${sections.id} = ${revision.sectionId ?? null})`,
      firstPublishedAt: before?.first ?? now,
      publishedUpdatedAt: now,
      scheduledAt: null,
      hasUnpublishedChanges: false,
    })
    .where(eq(articles.id, articleId));
  // The live byline is the revision's: a byline saved since shows only when it is published.
  await db.delete(publishedArticleAuthors).where(eq(publishedArticleAuthors.articleId, articleId));
  const byline = revision.authorIds ?? [];
  if (byline.length) {
    await db.insert(publishedArticleAuthors).values(byline.map((userId, position) => ({ articleId, userId, position })));
  }
  // This version was reviewed: the next one starts with no contributors (authors count as authors).
  await db.delete(articleContributors).where(eq(articleContributors.articleId, articleId));
  await db.delete(publishedArticleTags).where(eq(publishedArticleTags.articleId, articleId));
  if (revision.tags.length) {
    await db.insert(publishedArticleTags).values(revision.tags.map((t, position) => ({ articleId, tagId: t.id, position })));
  }
  if (correction?.trim()) {
    await db.insert(corrections).values({ articleId, revisionId: revision.id, note: correction.trim(), createdById: actorId });
  }
  await refreshSearchVector(db, revision);
  return revision;
}

export async function refreshSearchVector(db: Tx, revision: ArticleRevision): Promise<void> {
  const cfg = searchConfigFor(revision.language);
  const keyText = [...revision.highlights, ...revision.tags.map((t) => `${t.name} ${t.slug.replace(/-/g, " ")}`)].join(" \n");
  await db.execute(sql`
    update articles set search_vector =
      setweight(to_tsvector(${cfg}::regconfig, ${revision.headline}), 'A') ||
      setweight(to_tsvector(${cfg}::regconfig, ${revision.dek}), 'B') ||
      setweight(to_tsvector(${cfg}::regconfig, ${keyText}), 'B') ||
      setweight(to_tsvector(${cfg}::regconfig, ${bodyText(revision.body)}), 'C')
    where id = ${revision.articleId}`);
}
