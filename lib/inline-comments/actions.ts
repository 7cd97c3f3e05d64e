"use server";

import { getTranslations } from "next-intl/server";
import { z } from "zod";

import { getDb } from "@/db";
import { authedAction } from "@/lib/actions/authed-action";
import { fail, type ActionResult } from "@/lib/actions/result";

import { createInlineThread, listInlineThreads, MAX_INLINE_COMMENT, replyInline, setInlineResolved, type InlineRefusal, type InlineThread } from "./threads";

/** A domain refusal as an action failure, its message in the user's language, at its field. */
async function failed(r: InlineRefusal) {
  const t = await getTranslations("comments");
  const message = r.key ? t(r.key as "empty", r.values as never) : (r.reason ?? r.code);
  return fail(r.code, message, r.field ? { [r.field]: [message] } : undefined);
}

// The body's length is checked by the domain function (a field error in the user's language).
const body = z.string().max(MAX_INLINE_COMMENT * 2);
const anchor = z.string().max(256);

export const createInlineThreadAction = authedAction(
  z.object({ articleId: z.uuid(), from: anchor, to: anchor, body }),
  async (input, user): Promise<ActionResult<{ id: number }>> => {
    const r = await createInlineThread(await getDb(), user, input);
    return r.ok ? { ok: true, data: { id: r.id } } : failed(r);
  },
);

export const replyInlineAction = authedAction(
  z.object({ threadId: z.number().int().positive(), body }),
  async (input, user): Promise<ActionResult<{ id: number }>> => {
    const r = await replyInline(await getDb(), user, input);
    return r.ok ? { ok: true, data: { id: r.id } } : failed(r);
  },
);

export const setInlineResolvedAction = authedAction(
  z.object({ threadId: z.number().int().positive(), resolved: z.boolean() }),
  async (input, user): Promise<ActionResult<{ id: number }>> => {
    const r = await setInlineResolved(await getDb(), user, input);
    return r.ok ? { ok: true, data: { id: r.id } } : failed(r);
  },
);

export const listInlineThreadsAction = authedAction(
  z.object({ articleId: z.uuid() }),
  async (input, user): Promise<ActionResult<{ threads: InlineThread[] }>> => {
    const r = await listInlineThreads(await getDb(), user, input.articleId);
    return r.ok ? { ok: true, data: { threads: r.threads } } : failed(r);
  },
);
