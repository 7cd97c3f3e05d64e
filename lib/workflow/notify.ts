import "server-only";

import type { Tx } from "@/db";
import { listEditorIds } from "@/db/queries/notifications";
import type { Article } from "@/db/schema";
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
  const title = `“${c.article.headline || "Untitled"}”`;
  const to = (type: NotificationType, userIds: string[], message: string) =>
    notifyUsers(tx, { userIds, actorId: c.actorId, articleId: c.article.id, type, message, link: c.link });
  switch (c.action) {
    case "submit":
      await to("submitted", await listEditorIds({ db: tx, exceptId: c.actorId }), `${c.actorName} submitted ${title} for review`);
      return;
    case "request_changes":
      await to("changes_requested", c.authorIds, `${c.actorName} requested changes to ${title}: ${c.comment?.trim() ?? ""}`);
      return;
    case "approve":
      await to("approved", c.authorIds, `${c.actorName} approved ${title}`);
      return;
    case "schedule":
      await to("scheduled", c.authorIds, `${c.actorName} scheduled ${title} for ${c.scheduledAt?.toISOString() ?? "later"}`);
      return;
    case "publish":
    case "publish_scheduled":
      await to("published", c.authorIds, c.isUpdate ? `${c.actorName} published an update of ${title}` : `${c.actorName} published ${title}`);
      return;
    case "unpublish":
      await to("unpublished", c.authorIds, `${c.actorName} unpublished ${title}: ${c.comment?.trim() ?? ""}`);
      return;
    default:
      return;
  }
}
