import "server-only";

import type { Tx } from "@/db";
import { getArticleAuthors } from "@/db/queries/article-people";
import { getArticleById } from "@/db/queries/articles";
import type { Article } from "@/db/schema";
import { canArticle, type ArticleAction, type PolicyArticle, type PolicyUser } from "@/lib/permissions";

export type LoadedArticle = {
  ok: true;
  article: Article;
  /** The working byline, in order. */
  authors: { id: string; name: string }[];
  authorIds: string[];
  /** What lib/permissions.ts needs to know of the article, for further checks by the caller. */
  policy: PolicyArticle;
};

/** `code` is "not_found" or the refusal's code from lib/permissions.ts. */
export type ArticleRefusal = { ok: false; code: string; reason: string };

/**
 * An article with its working byline and the facts lib/permissions.ts decides on, or null. For
 * the callers whose check is not a single `canArticle` action (the workflow's state machine, the
 * notification filter); everyone else opens an article with `loadArticleForUser`.
 */
export async function loadArticle({ db, id }: { db: Tx; id: string }): Promise<Omit<LoadedArticle, "ok"> | null> {
  const article = await getArticleById({ db, id });
  if (!article) return null;
  const authors = (await getArticleAuthors({ db, articleId: article.id })).map((a) => ({ id: a.id, name: a.name }));
  const authorIds = authors.map((a) => a.id);
  return { article, authors, authorIds, policy: { status: article.status, authorIds, hasUnpublishedChanges: article.hasUnpublishedChanges } };
}

/**
 * Loads an article for `user` if they may take `action` on it: the one way pages, actions and
 * domain functions open an article. A page turns any refusal into a 404 (so a journalist does not
 * learn that someone else's article exists); an action answers with the reason.
 */
export async function loadArticleForUser({
  db,
  id,
  user,
  action,
}: {
  db: Tx;
  id: string;
  user: PolicyUser | null;
  action: ArticleAction;
}): Promise<LoadedArticle | ArticleRefusal> {
  const loaded = await loadArticle({ db, id });
  if (!loaded) return { ok: false, code: "not_found", reason: "This article does not exist." };
  const may = canArticle(user, action, loaded.policy);
  if (!may.ok) return { ok: false, code: may.code, reason: may.reason };
  return { ok: true, ...loaded };
}
