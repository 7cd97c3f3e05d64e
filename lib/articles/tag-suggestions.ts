import "server-only";

import { and, asc, ilike, or, sql } from "drizzle-orm";

import type { Tx } from "@/db";
import { articleAuthors, articles, articleTags, publishedArticleTags, tags } from "@/db/schema";
import { canGlobal, type PolicyUser } from "@/lib/permissions";
import { tagKey } from "@/lib/validations/article";

/**
 * The tags `user` could already see, so suggestions never reveal an unpublished piece: editors
 * manage the tag list and see all of it; anyone else only tags on a published article's live
 * revision or on the working copy of an article they author — never one that exists only on someone
 * else's draft or embargoed piece.
 */
function visibleTags(user: PolicyUser) {
  if (canGlobal(user, "tags:manage").ok) return undefined;
  return or(
    sql`exists (select 1 from ${publishedArticleTags} join ${articles} on ${articles.id} = ${publishedArticleTags.articleId}
      where ${publishedArticleTags.tagId} = ${tags.id} and ${articles.status} = 'published' and ${articles.publishedRevisionId} is not null)`,
    sql`exists (select 1 from ${articleTags} join ${articleAuthors} on ${articleAuthors.articleId} = ${articleTags.articleId}
      where ${articleTags.tagId} = ${tags.id} and ${articleAuthors.userId} = ${user.id})`,
  );
}

/** Existing tags whose slug starts with what was typed (accents and case folded), or whose name contains it. */
export async function suggestTags(db: Tx, user: PolicyUser, typed: string, limit = 8): Promise<string[]> {
  if (!canGlobal(user, "article:create").ok) return [];
  const key = tagKey(typed);
  const plain = typed
    .replace(/^#+/, "")
    .trim()
    .replace(/[%_\\]/g, "");
  if (!key) return [];
  const rows = await db
    .select({ name: tags.name })
    .from(tags)
    .where(and(or(sql`${tags.slug} like ${key + "%"}`, ilike(tags.name, `%${plain}%`)), visibleTags(user)))
    .orderBy(asc(tags.name))
    .limit(limit);
  return rows.map((r) => r.name);
}
