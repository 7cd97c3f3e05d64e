import "server-only";

import type { Tx } from "@/db";
import { deleteContributors, insertContributors, listAuthorIds, replaceArticleAuthors, replacePublishedAuthors } from "@/db/queries/article-people";
import { listArticleTags, replaceArticleTags, replacePublishedTags, upsertTags } from "@/db/queries/article-tags";
import { getArticleById, insertArticle, isSlugTaken, updateArticle, type SlugViewer } from "@/db/queries/articles";
import { insertEvent } from "@/db/queries/events";
import { insertCorrection, updateArticleLive, updateSearchVector } from "@/db/queries/publication";
import { insertRevision } from "@/db/queries/revisions";
import { getUserById } from "@/db/queries/users";
import type { Article, ArticleRevision, Tag } from "@/db/schema";
import { bodyText, renderBodyHtml } from "@/lib/rich-text/body";
import { publicBody } from "@/lib/rich-text/suggestions";
import { slugify, tagDisplayName } from "@/lib/slug";
import { tagIdentityOfSlug } from "@/lib/validations/article";

export type { SlugViewer };

/** The PostgreSQL text search configuration for an article language (see migration 0001). */
export function searchConfigFor(language: string): "newsroom_fr" | "newsroom_en" | "newsroom_simple" {
  const base = language.toLowerCase().split("-")[0];
  if (base === "fr") return "newsroom_fr";
  if (base === "en") return "newsroom_en";
  return "newsroom_simple";
}

/** A slug from `wanted` that no article `viewer` can see holds: the slug itself, then -2, -3… */
export async function freeArticleSlug(db: Tx, wanted: string, opts: { viewer?: SlugViewer; exceptId?: string } = {}): Promise<string> {
  const base = slugify(wanted) || "article";
  for (let i = 1; ; i++) {
    const candidate = i === 1 ? base : `${base}-${i}`;
    if (!(await isSlugTaken({ db, slug: candidate, ...opts }))) return candidate;
  }
}

/**
 * Finds or creates tags by identity (the slug without hyphens), so "#CybersécuritéFrançaise",
 * "cybersécurité française" and "#cybersécuritéfrançaise" are one tag.
 */
export async function ensureTags(db: Tx, typed: string[]): Promise<Tag[]> {
  const wanted = new Map<string, { slug: string; name: string }>();
  for (const raw of typed) {
    const name = tagDisplayName(raw);
    const slug = slugify(name, 60);
    const identity = tagIdentityOfSlug(slug);
    if (identity && !wanted.has(identity)) wanted.set(identity, { slug, name });
  }
  const rows = await upsertTags({ db, tags: [...wanted].map(([identity, t]) => ({ ...t, identity })) });
  const byIdentity = new Map(rows.map((t) => [tagIdentityOfSlug(t.slug), t]));
  return [...wanted.keys()].map((k) => byIdentity.get(k)!).filter(Boolean);
}

export async function setArticleTags(db: Tx, articleId: string, typed: string[]): Promise<Tag[]> {
  const list = await ensureTags(db, typed);
  await replaceArticleTags({ db, articleId, tagIds: list.map((t) => t.id) });
  return list;
}

export async function addContributors(db: Tx, articleId: string, userIds: readonly (string | null)[]): Promise<void> {
  await insertContributors({ db, articleId, userIds: [...new Set(userIds.filter((id): id is string => Boolean(id)))] });
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
    const creator = await getUserById({ db: tx, id: input.createdById });
    const slug = await freeArticleSlug(tx, input.slug || headline || `article-${Date.now().toString(36)}`, {
      viewer: creator ? { id: creator.id, role: creator.role } : { id: input.createdById, role: "journalist" },
    });
    const article = await insertArticle({
      db: tx,
      values: {
        slug,
        headline,
        dek: input.dek ?? "",
        language: input.language ?? "fr",
        sectionId: input.sectionId ?? null,
        highlights: input.highlights ?? [],
        body: input.body ?? { type: "doc", content: [] },
        createdById: input.createdById,
        updatedById: input.createdById,
      },
    });
    const authorIds = [input.createdById, ...(input.authorIds ?? []).filter((id) => id !== input.createdById)];
    await replaceArticleAuthors({ db: tx, articleId: article.id, userIds: authorIds });
    await addContributors(tx, article.id, authorIds);
    if (input.tags?.length) await setArticleTags(tx, article.id, input.tags);
    await insertEvent({ db: tx, event: { type: "article.created", actorId: input.createdById, articleId: article.id, toStatus: "draft" } });
    return article;
  });
}

/** Cuts an immutable revision of the working copy (on each transition and on "Save version"). */
export async function cutRevision(
  db: Tx,
  articleId: string,
  { reason, actorId, note }: { reason: string; actorId: string | null; note?: string | null },
): Promise<ArticleRevision> {
  const article = await getArticleById({ db, id: articleId });
  if (!article) throw new Error(`Article ${articleId} not found`);
  const tagSnapshot = await listArticleTags({ db, articleId });
  const authorIds = await listAuthorIds({ db, articleId });
  return insertRevision({
    db,
    values: {
      articleId,
      reason,
      note: note ?? null,
      articleVersion: article.version,
      headline: article.headline,
      dek: article.dek,
      highlights: article.highlights,
      // What readers get never holds a pending suggestion (insertions out, deletions still in).
      body: reason === "publish" ? publicBody(article.body) : article.body,
      bodyHtml: renderBodyHtml(article.body, article.language),
      tags: tagSnapshot,
      sectionId: article.sectionId,
      language: article.language,
      featuredImage: article.featuredImage,
      seo: article.seo,
      authorIds,
      createdById: actorId,
    },
  });
}

/**
 * Makes the working copy live: cuts a "publish" revision, points the article at it, copies its
 * tags for public lists and refreshes the search vector. Call inside the transition's transaction.
 */
export async function makeLive(
  db: Tx,
  articleId: string,
  {
    actorId,
    correction,
    now = new Date(),
    firstPublishedAt,
  }: {
    actorId: string | null;
    correction?: string | null;
    now?: Date;
    /** A first publication before `now` (an imported article published, then updated, elsewhere). */
    firstPublishedAt?: Date;
  },
): Promise<ArticleRevision> {
  const before = await getArticleById({ db, id: articleId });
  // Working slugs may be shared until the first publication; now it must be free among the
  // published ones (a silent suffix, as the scheduler has nobody to ask).
  const slug = before && !before.firstPublishedAt ? await freeArticleSlug(db, before.slug, { exceptId: articleId }) : undefined;
  if (slug && slug !== before?.slug) await updateArticle({ db, id: articleId, set: { slug } });
  const revision = await cutRevision(db, articleId, { reason: "publish", actorId, note: correction });
  await updateArticleLive({
    db,
    articleId,
    revisionId: revision.id,
    sectionId: revision.sectionId ?? null,
    firstPublishedAt: before?.firstPublishedAt ?? firstPublishedAt ?? now,
    now,
  });
  // The live byline is the revision's: a byline saved since shows only when it is published.
  await replacePublishedAuthors({ db, articleId, userIds: revision.authorIds ?? [] });
  // This version was reviewed: the next one starts with no contributors (authors count as authors).
  await deleteContributors({ db, articleId });
  await replacePublishedTags({ db, articleId, tagIds: revision.tags.map((t) => t.id) });
  if (correction?.trim()) {
    await insertCorrection({ db, articleId, revisionId: revision.id, note: correction.trim(), createdById: actorId });
  }
  await refreshSearchVector(db, revision);
  return revision;
}

export async function refreshSearchVector(db: Tx, revision: ArticleRevision): Promise<void> {
  const keyText = [...revision.highlights, ...revision.tags.map((t) => `${t.name} ${t.slug.replace(/-/g, " ")}`)].join(" \n");
  await updateSearchVector({
    db,
    articleId: revision.articleId,
    config: searchConfigFor(revision.language),
    headline: revision.headline,
    dek: revision.dek,
    keyText,
    bodyText: bodyText(revision.body),
  });
}
