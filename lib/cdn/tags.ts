import "server-only";

import type { Tx } from "@/db";
import { getArticleCacheTagIds, getAuthorIdBySlug, getSectionIdBySlug, getTagIdBySlug } from "@/db/queries/cdn";

/**
 * The cache tags of a public page (Cache-Tag / Surrogate-Key, server/cdn.mjs): what a purge must
 * name to drop it at the CDN. Every page has `site` (navigation, site name); lists of articles
 * that are not one author's, tag's or section's have `listings`. The database triggers of
 * migration 0010 queue the same names on every public change.
 *
 * @param path the canonical path of a public route (server/page-cache/public-routes.mjs), query excluded
 */
export async function cacheTagsForPath(db: Tx, path: string): Promise<string[]> {
  const parts = path === "/" ? [] : path.slice(1).split("/");
  const slug = parts[1] === undefined ? "" : decodeSlug(parts[1]);
  const tags = ["site"];
  switch (parts[0]) {
    case "articles": {
      const ids = slug ? await getArticleCacheTagIds({ db, slug }) : undefined;
      if (!ids) break;
      tags.push(`article-${ids.id}`);
      if (ids.sectionId !== null) tags.push(`section-${ids.sectionId}`);
      for (const id of ids.authorIds) tags.push(`author-${id}`);
      for (const id of ids.tagIds) tags.push(`tag-${id}`);
      break;
    }
    case "authors": {
      const id = slug ? await getAuthorIdBySlug({ db, slug }) : undefined;
      if (id) tags.push(`author-${id}`);
      break;
    }
    case "tags": {
      const id = slug ? await getTagIdBySlug({ db, slug }) : undefined;
      if (id !== undefined) tags.push(`tag-${id}`);
      break;
    }
    case "sections": {
      const id = slug ? await getSectionIdBySlug({ db, slug }) : undefined;
      if (id !== undefined) tags.push(`section-${id}`);
      break;
    }
    default:
      // Front page, search, feeds, sitemaps, robots.txt: they list the newest articles.
      tags.push("listings");
  }
  return tags;
}

/** A slug as the pages read it: percent-decoded, NFC. */
function decodeSlug(segment: string): string {
  try {
    return decodeURIComponent(segment).normalize("NFC");
  } catch {
    return "";
  }
}
