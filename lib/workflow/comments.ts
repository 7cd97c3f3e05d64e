import "server-only";

import type { Db } from "@/db";
import { insertComment, listCommenterIds } from "@/db/queries/comments";
import { getUserById } from "@/db/queries/users";
import { denied } from "@/lib/actions/result";
import { loadArticleForUser } from "@/lib/articles/access";
import { appLink } from "@/lib/mail/config";
import { notifyUsers } from "@/lib/notifications/store";
import type { PolicyUser } from "@/lib/permissions";
import { withoutNul } from "@/lib/security/text";

export const MAX_COMMENT = 5_000;

export type CommentOutcome = { ok: true; id: number } | { ok: false; code: string; message: string };

/**
 * Adds to an article's discussion (its authors and editors only). Authors hear of it, and so
 * does everyone who spoke in the thread before, so a reply reaches the editor who asked.
 */
export async function addComment(db: Db, actor: PolicyUser, input: { articleId: string; body: string }): Promise<CommentOutcome> {
  const body = withoutNul(input.body).trim();
  if (!body) return { ok: false, code: "invalid", message: "Write a comment first." };
  if (body.length > MAX_COMMENT) return { ok: false, code: "invalid", message: `A comment is at most ${MAX_COMMENT} characters.` };
  return db.transaction(async (tx) => {
    const loaded = await loadArticleForUser({ db: tx, id: input.articleId, user: actor, action: "comment" });
    if (!loaded.ok) return loaded.code === "not_found" ? { ok: false, code: "not_found", message: "This article does not exist." } : denied(loaded);
    const row = await insertComment({ db: tx, articleId: input.articleId, authorId: actor.id, body });
    const earlier = await listCommenterIds({ db: tx, articleId: input.articleId });
    const me = await getUserById({ db: tx, id: actor.id });
    const excerpt = body.length > 140 ? `${body.slice(0, 139)}…` : body;
    await notifyUsers(tx, {
      userIds: [...loaded.authorIds, ...earlier],
      actorId: actor.id,
      articleId: input.articleId,
      type: "comment",
      message: { key: "comment", params: { actor: me?.name ?? null, title: loaded.article.headline, excerpt } },
      link: appLink(`/newsroom/articles/${input.articleId}`),
    });
    return { ok: true, id: row.id };
  });
}
