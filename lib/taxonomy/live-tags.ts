import "server-only";

import { asc, eq, inArray } from "drizzle-orm";

import type { Tx } from "@/db";
import { publishedArticleTags, tags, type TagSnapshot } from "@/db/schema";

/**
 * The live tags of published articles, with their current names and slugs, in the article's order.
 * A published revision keeps an immutable tag snapshot (history and diffs need it), but after a
 * tag is renamed or merged that snapshot names a slug that no longer answers. published_article_tags
 * holds the same tags by id and is what merges rewrite, so public pages read tags from here.
 */
export async function liveTagsOf(db: Tx, articleIds: string[]): Promise<Map<string, TagSnapshot[]>> {
  const out = new Map<string, TagSnapshot[]>(articleIds.map((id) => [id, []]));
  if (articleIds.length === 0) return out;
  const rows = await db
    .select({ articleId: publishedArticleTags.articleId, id: tags.id, name: tags.name, slug: tags.slug })
    .from(publishedArticleTags)
    .innerJoin(tags, eq(tags.id, publishedArticleTags.tagId))
    .where(inArray(publishedArticleTags.articleId, articleIds))
    .orderBy(asc(publishedArticleTags.articleId), asc(publishedArticleTags.position), asc(tags.id));
  for (const { articleId, ...tag } of rows) out.get(articleId)?.push(tag);
  return out;
}
