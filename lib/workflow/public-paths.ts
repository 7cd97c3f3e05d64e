import "server-only";
import { eq, inArray } from "drizzle-orm";
import type { Tx } from "@/db";
import { revalidateArticlePages } from "@/lib/cache/revalidate";
import { articleAuthors, articleRevisions, articles, authorProfiles, publishedArticleAuthors, sections, slugRedirects } from "@/db/schema";

export type PublicPaths = { slug: string; oldSlugs: string[]; authorSlugs: string[]; tagSlugs: string[]; sectionSlugs: string[] };

/**
 * Everything a reader could see this article on: its slug and old slugs, its authors, the
 * tags and section of the live revision (and of the previous live revision, which it may leave).
 */
export async function collectPublicPaths(tx: Tx, articleId: string): Promise<PublicPaths> {
  const [a] = await tx
    .select({ slug: articles.slug, sectionSlug: sections.slug, revisionId: articles.publishedRevisionId })
    .from(articles)
    .leftJoin(sections, eq(sections.id, articles.sectionId))
    .where(eq(articles.id, articleId));
  const old = await tx.select({ slug: slugRedirects.oldSlug }).from(slugRedirects).where(eq(slugRedirects.articleId, articleId));
  const revisions = await tx
    .select({ tags: articleRevisions.tags, sectionId: articleRevisions.sectionId, authorIds: articleRevisions.authorIds })
    .from(articleRevisions)
    .where(eq(articleRevisions.articleId, articleId));
  // Live, working and every revision's byline: an author the new live revision drops leaves a page.
  const live = await tx.select({ id: publishedArticleAuthors.userId }).from(publishedArticleAuthors).where(eq(publishedArticleAuthors.articleId, articleId));
  const working = await tx.select({ id: articleAuthors.userId }).from(articleAuthors).where(eq(articleAuthors.articleId, articleId));
  const authorIds = [...new Set([...live, ...working].map((r) => r.id).concat(revisions.flatMap((r) => r.authorIds ?? [])))];
  const authors = authorIds.length
    ? await tx.select({ slug: authorProfiles.slug }).from(authorProfiles).where(inArray(authorProfiles.userId, authorIds))
    : [];
  const tagSlugs = new Set(revisions.flatMap((r) => r.tags.map((t) => t.slug)));
  const sectionIds = [...new Set(revisions.map((r) => r.sectionId).filter((x): x is number => x !== null))];
  const sectionRows = sectionIds.length ? await tx.select({ slug: sections.slug }).from(sections).where(inArray(sections.id, sectionIds)) : [];
  const sectionSlugs = new Set([a?.sectionSlug, ...sectionRows.map((s) => s.slug)].filter((s): s is string => Boolean(s)));
  return {
    slug: a?.slug ?? "",
    oldSlugs: old.map((o) => o.slug),
    authorSlugs: authors.map((x) => x.slug),
    tagSlugs: [...tagSlugs],
    sectionSlugs: [...sectionSlugs],
  };
}

/** Revalidates every public page listed (lib/cache/revalidate.ts takes one section at a time). */
export function revalidatePublicPaths(p: PublicPaths): void {
  const [first, ...others] = p.sectionSlugs;
  revalidateArticlePages({ ...p, sectionSlug: first ?? null });
  for (const sectionSlug of others) revalidateArticlePages({ slug: p.slug, sectionSlug });
}
