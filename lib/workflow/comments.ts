import "server-only";

import { asc, eq } from "drizzle-orm";

import type { Db, Tx } from "@/db";
import { comments, users } from "@/db/schema";
import { denied } from "@/lib/actions/result";
import { appLink } from "@/lib/mail/config";
import { notifyUsers } from "@/lib/notifications/store";
import { canArticle, type PolicyUser } from "@/lib/permissions";
import { withoutNul } from "@/lib/security/text";

import { loadForTransition } from "./transitions";

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
    const loaded = await loadForTransition(tx, input.articleId);
    if (!loaded) return { ok: false, code: "not_found", message: "This article does not exist." };
    const allowed = canArticle(actor, "comment", { status: loaded.article.status, authorIds: loaded.authorIds });
    if (!allowed.ok) return denied(allowed);
    const [row] = await tx.insert(comments).values({ articleId: input.articleId, authorId: actor.id, body }).returning({ id: comments.id });
    const earlier = await tx.selectDistinct({ id: comments.authorId }).from(comments).where(eq(comments.articleId, input.articleId));
    const [me] = await tx.select({ name: users.name }).from(users).where(eq(users.id, actor.id));
    const excerpt = body.length > 140 ? `${body.slice(0, 139)}…` : body;
    await notifyUsers(tx, {
      userIds: [...loaded.authorIds, ...earlier.map((e) => e.id).filter((id): id is string => Boolean(id))],
      actorId: actor.id,
      articleId: input.articleId,
      type: "comment",
      message: `${me?.name ?? "Someone"} commented on “${loaded.article.headline || "Untitled"}”: ${excerpt}`,
      link: appLink(`/newsroom/articles/${input.articleId}`),
    });
    return { ok: true, id: row.id };
  });
}

export async function listComments(db: Tx, articleId: string) {
  return db
    .select({ id: comments.id, kind: comments.kind, body: comments.body, createdAt: comments.createdAt, authorName: users.name, authorId: comments.authorId })
    .from(comments)
    .leftJoin(users, eq(users.id, comments.authorId))
    .where(eq(comments.articleId, articleId))
    .orderBy(asc(comments.createdAt), asc(comments.id));
}
