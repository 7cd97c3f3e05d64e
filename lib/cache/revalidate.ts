import "server-only";
import { revalidatePath } from "next/cache";

/**
 * Public pages to refresh after a publication, an update, an unpublication or a slug change
 * (style rule 22). Safe to call outside a request (scheduler): failures are logged, not thrown.
 */
export function revalidateArticlePages(p: {
  slug: string;
  oldSlugs?: string[];
  authorSlugs?: string[];
  tagSlugs?: string[];
  sectionSlug?: string | null;
}): void {
  const paths = [
    "/",
    `/articles/${p.slug}`,
    ...(p.oldSlugs ?? []).map((s) => `/articles/${s}`),
    ...(p.authorSlugs ?? []).flatMap((s) => [`/authors/${s}`, `/authors/${s}/feed.xml`]),
    ...(p.tagSlugs ?? []).flatMap((s) => [`/tags/${s}`, `/tags/${s}/feed.xml`]),
    ...(p.sectionSlug ? [`/sections/${p.sectionSlug}`] : []),
    "/feed.xml",
    "/sitemap.xml",
    "/news-sitemap.xml",
    "/search",
  ];
  for (const path of paths) safeRevalidate(path);
}

export function revalidateAuthorPages(slug: string, articleSlugs: string[] = []): void {
  for (const path of [`/authors/${slug}`, `/authors/${slug}/feed.xml`, ...articleSlugs.map((s) => `/articles/${s}`)]) safeRevalidate(path);
}

function safeRevalidate(path: string) {
  try {
    revalidatePath(path);
  } catch (error) {
    console.warn(`revalidate ${path} skipped:`, (error as Error).message);
  }
}
