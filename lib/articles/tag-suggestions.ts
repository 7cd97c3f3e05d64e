import "server-only";

import type { Tx } from "@/db";
import { listTagSuggestions, type TagScope } from "@/db/queries/article-tags";
import { canGlobal, type PolicyUser } from "@/lib/permissions";
import { tagKey } from "@/lib/validations/article";

/**
 * The tags `user` could already see, so suggestions never reveal an unpublished piece: editors
 * manage the tag list and see all of it; anyone else only tags on a published article's live
 * revision or on the working copy of an article they author — never one that exists only on someone
 * else's draft or embargoed piece.
 */
function visibleTags(user: PolicyUser): TagScope {
  return canGlobal(user, "tags:manage").ok ? "all" : { authorId: user.id };
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
  return listTagSuggestions({ db, scope: visibleTags(user), slugPrefix: key, nameContains: plain, limit });
}
