import "server-only";

import type { Tx } from "@/db";
import { listEditorIds } from "@/db/queries/notifications";
import type { Article } from "@/db/schema";
import type { NotificationKey } from "@/lib/notifications/messages";
import { notifyUsers, type NotificationType } from "@/lib/notifications/store";

import type { WorkflowAction } from "./article-workflow";

type Context = {
  action: WorkflowAction;
  actorId: string | null;
  actorName: string;
  article: Pick<Article, "id" | "headline">;
  authorIds: string[];
  isUpdate: boolean;
  scheduledAt?: Date;
  comment?: string;
  link: string;
};

/** Editors hear of submissions; authors of changes requested, approval, publication. */
export async function notifyForTransition(tx: Tx, c: Context): Promise<void> {
  // The scheduler is named in each reader's language ("The scheduler", "La programmation").
  const params: Record<string, string | null> = c.actorId
    ? { actor: c.actorName, title: c.article.headline }
    : { actor: null, scheduler: "yes", title: c.article.headline };
  const to = (type: NotificationType, userIds: string[], key: NotificationKey, extra: Record<string, string | null> = {}) =>
    notifyUsers(tx, { userIds, actorId: c.actorId, articleId: c.article.id, type, message: { key, params: { ...params, ...extra } }, link: c.link });
  switch (c.action) {
    case "submit":
      await to("submitted", await listEditorIds({ db: tx, exceptId: c.actorId }), "submitted");
      return;
    case "request_changes":
      await to("changes_requested", c.authorIds, "changes_requested", { comment: c.comment?.trim() ?? "" });
      return;
    case "approve":
      await to("approved", c.authorIds, "approved");
      return;
    case "schedule":
      await to("scheduled", c.authorIds, "scheduled", { when: c.scheduledAt?.toISOString() ?? null });
      return;
    case "publish":
    case "publish_scheduled":
      await to("published", c.authorIds, c.isUpdate ? "published_update" : "published");
      return;
    case "unpublish":
      await to("unpublished", c.authorIds, "unpublished", { comment: c.comment?.trim() ?? "" });
      return;
    default:
      return;
  }
}
