import "server-only";
import { revalidatePath, revalidateTag } from "next/cache";
import { PUBLIC_TAG } from "./public-data";

/**
 * Call after a publication, an update, an unpublication or a slug change (style rule 22).
 * Every public read is cached under one tag: a publication can change the front page, lists,
 * feeds, sitemaps and the related articles of any other article, so all of it expires at once,
 * immediately (expire: 0, no stale page is ever served after an unpublication).
 * Correctness does not depend on this call: cached reads are keyed on the database's public
 * generation (lib/cache/public-data.ts), which triggers bump in the changing transaction. This
 * only frees the old entries at once and refreshes the acting user's router cache. Outside a
 * request (the scheduler) Next refuses it; that is logged at debug level and harmless.
 */
export function revalidateArticlePages(p: {
  slug: string;
  oldSlugs?: string[];
  authorSlugs?: string[];
  tagSlugs?: string[];
  sectionSlug?: string | null;
}): void {
  expirePublicSite(`article ${p.slug}`);
}

/** Call after an author profile changes (name, title, photo, bio, links, slug). */
export function revalidateAuthorPages(slug: string, articleSlugs: string[] = []): void {
  void articleSlugs;
  expirePublicSite(`author ${slug}`);
}

function expirePublicSite(why: string) {
  try {
    revalidateTag(PUBLIC_TAG, { expire: 0 });
    // Also drops the acting user's client router cache when called from a server action.
    revalidatePath("/", "layout");
  } catch (error) {
    if (process.env.DEBUG_CACHE) console.warn(`public cache not expired (${why}):`, (error as Error).message);
  }
}
