import "server-only";

import type { Tx } from "@/db";
import { listActiveUsers } from "@/db/queries/article-people";
import { getUserById } from "@/db/queries/users";
import { appLink } from "@/lib/mail/config";
import { notifyUsers } from "@/lib/notifications/store";
import type { PolicyUser } from "@/lib/permissions";

/** New bylines must name active users; who may remove or reorder whom is lib/permissions.ts (canChangeByline). */
export async function checkAuthors(db: Tx, current: string[], wanted: string[]): Promise<string | null> {
  const list = [...new Set(wanted)];
  if (list.length !== wanted.length) return "An author is listed twice.";
  const added = list.filter((id) => !current.includes(id));
  if (added.length) {
    const found = await listActiveUsers({ db, ids: added });
    if (found.length !== added.length) return "An author was not found or is deactivated.";
  }
  return null;
}

/**
 * A byline change is visible to everyone it concerns: the authors still on
 * the article hear of it with a link; those taken off hear of it without one (they may no longer
 * open the article, and learn nothing of it beyond the headline they already knew).
 */
export async function notifyBylineChange(tx: Tx, actor: PolicyUser, articleId: string, headline: string, from: string[], to: string[]) {
  const me = await getUserById({ db: tx, id: actor.id });
  const params = { actor: me?.name ?? null, title: headline };
  const stay = to.filter((id) => id !== actor.id);
  const gone = from.filter((id) => !to.includes(id) && id !== actor.id);
  await notifyUsers(tx, {
    userIds: stay,
    actorId: actor.id,
    articleId,
    type: "byline_changed",
    message: { key: "byline_changed", params },
    link: appLink(`/newsroom/articles/${articleId}`),
  });
  await notifyUsers(tx, {
    userIds: gone,
    actorId: actor.id,
    articleId: null,
    type: "byline_changed",
    message: { key: "byline_removed", params },
  });
}
