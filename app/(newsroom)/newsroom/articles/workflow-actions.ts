"use server";

import { z } from "zod";

import { getDb } from "@/db";
import { authedAction } from "@/lib/actions/authed-action";
import { fail, type ActionResult } from "@/lib/actions/result";
import { newsroomLocale } from "@/lib/i18n/interface";
import { deliverDueMail } from "@/lib/mail/worker";
import { getSettings } from "@/lib/settings";
import { WORKFLOW_ACTIONS } from "@/lib/workflow/article-workflow";
import { addComment, MAX_COMMENT } from "@/lib/workflow/comments";
import { workflowMessage } from "@/lib/workflow/messages";
import { zonedLocalToUtc } from "@/lib/workflow/time-zone";
import { runTransition } from "@/lib/workflow/transitions";

const transitionSchema = z.object({
  articleId: z.uuid(),
  action: z.enum(WORKFLOW_ACTIONS.filter((a) => a !== "publish_scheduled") as [string, ...string[]]),
  version: z.number().int().positive(),
  comment: z.string().max(MAX_COMMENT, `At most ${MAX_COMMENT} characters.`).optional(),
  scheduledAt: z.string().max(40).optional(),
  correction: z.string().max(1_000, "A correction note is at most 1,000 characters.").optional(),
});

// Which form field a refused precondition belongs to, so the message shows at that field.
const FIELD_OF: Record<string, string> = { needs_comment: "comment", needs_reason: "comment", needs_future_time: "scheduledAt" };

/** Every workflow button calls this; the domain function decides (state machine + policy). */
export const transitionArticleAction = authedAction(transitionSchema, async (input, user): Promise<ActionResult<{ status: string }>> => {
  const db = await getDb();
  let scheduledAt: Date | undefined;
  if (input.action === "schedule") {
    const { timeZone } = await getSettings(db);
    scheduledAt = zonedLocalToUtc(input.scheduledAt ?? "", timeZone) ?? undefined;
  }
  const r = await runTransition(db, user, {
    articleId: input.articleId,
    action: input.action as (typeof WORKFLOW_ACTIONS)[number],
    version: input.version,
    comment: input.comment,
    scheduledAt,
    correction: input.correction,
  });
  // In the reader's language (the domain words it in English).
  const message = workflowMessage(await newsroomLocale(), r.message, input.action as (typeof WORKFLOW_ACTIONS)[number]);
  if (!r.ok) {
    // An embargo refusal belongs at the schedule's time field; a refused publish has no field.
    const field = r.code === "embargoed" ? (input.action === "schedule" ? "scheduledAt" : undefined) : FIELD_OF[r.code];
    return fail(r.code, message, field ? { [field]: [message] } : undefined);
  }
  // Mail goes out now when it can; the job runner retries whatever fails.
  void deliverDueMail(db).catch(() => {});
  return { ok: true, message, data: { status: r.status } };
});

export const postCommentAction = authedAction(
  z.object({ articleId: z.uuid(), body: z.string().max(MAX_COMMENT, `At most ${MAX_COMMENT} characters.`) }),
  async (input, user) => {
    const r = await addComment(await getDb(), user, input);
    const locale = await newsroomLocale();
    if (!r.ok) {
      const message = workflowMessage(locale, r.message);
      return fail(r.code, message, r.code === "invalid" ? { body: [message] } : undefined);
    }
    return { ok: true as const, message: workflowMessage(locale, "Comment posted.") };
  },
);
