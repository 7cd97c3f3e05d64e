import "server-only";

import type { Tx } from "@/db";
import { insertNotifications, listRecipientCandidates } from "@/db/queries/notifications";
import { loadArticle } from "@/lib/articles/access";
import { queueMail } from "@/lib/mail/outbox";
import { canArticle } from "@/lib/permissions";

export type NotificationType =
  "submitted" | "changes_requested" | "approved" | "scheduled" | "published" | "unpublished" | "comment" | "mention" | "byline_changed";

/**
 * Of `userIds`, those who may view the article now (active, and an editor or one of its working
 * authors): a notification about an article never reaches anyone else, e.g. a co-author removed
 * since. The mail worker asks again at send time.
 */
export async function viewersOf(db: Tx, articleId: string, userIds: string[]): Promise<{ id: string; email: string }[]> {
  if (userIds.length === 0) return [];
  const loaded = await loadArticle({ db, id: articleId });
  if (!loaded) return [];
  const rows = await listRecipientCandidates({ db, ids: userIds });
  return rows.filter((u) => canArticle(u, "view", loaded.policy).ok).map(({ id, email }) => ({ id, email }));
}

/**
 * In-app notifications (and their mail) for the given users, written in the caller's
 * transaction. The actor is never notified of their own action; inactive users are skipped, and
 * so is anyone who may not view the article the notification is about.
 */
export async function notifyUsers(
  db: Tx,
  input: { userIds: string[]; actorId: string | null; articleId: string | null; type: NotificationType; message: string; link?: string },
): Promise<number> {
  const ids = [...new Set(input.userIds)].filter((id) => id !== input.actorId);
  if (ids.length === 0) return 0;
  const recipients = input.articleId
    ? await viewersOf(db, input.articleId, ids)
    : (await listRecipientCandidates({ db, ids })).filter((u) => u.active).map(({ id, email }) => ({ id, email }));
  if (recipients.length === 0) return 0;
  await insertNotifications({ db, rows: recipients.map((r) => ({ userId: r.id, articleId: input.articleId, type: input.type, message: input.message })) });
  const link = input.link ? `\n\n${input.link}` : "";
  await queueMail(
    db,
    recipients.map((r) => ({
      to: r.email,
      subject: `[Newsroom] ${input.message}`.slice(0, 200),
      text: `${input.message}${link}`,
      userId: r.id,
      articleId: input.articleId,
    })),
  );
  return recipients.length;
}
