"use server";

import { getTranslations } from "next-intl/server";
import { z } from "zod";

import { getDb } from "@/db";
import { authedAction } from "@/lib/actions/authed-action";
import { refused, type ActionResult } from "@/lib/actions/result";
import { newsroomLocale } from "@/lib/i18n/interface";
import { createPreviewLink, revokePreviewLink } from "@/lib/previews/links";

const createSchema = z.object({
  articleId: z.uuid(),
  hours: z.number().int("Choose an expiry between 1 hour and 7 days."),
  pinned: z.boolean(),
});

/** `Share preview`: the token is in the answer once, never stored in clear. */
export const createPreviewLinkAction = authedAction(createSchema, async (input, user): Promise<ActionResult<{ path: string; expiresAt: string }>> => {
  const r = await createPreviewLink(await getDb(), user, input);
  if (!r.ok) return refused(r);
  const t = await getTranslations({ locale: await newsroomLocale(), namespace: "articles.actions" });
  return {
    ok: true,
    message: t("previewLinkCreated"),
    data: { path: `/preview/${r.token}`, expiresAt: r.expiresAt.toISOString() },
  };
});

const revokeSchema = z.object({ articleId: z.uuid(), linkId: z.number().int().positive() });

export const revokePreviewLinkAction = authedAction(revokeSchema, async (input, user): Promise<ActionResult> => {
  const r = await revokePreviewLink(await getDb(), user, input);
  if (!r.ok) return refused(r);
  const t = await getTranslations({ locale: await newsroomLocale(), namespace: "articles.actions" });
  return { ok: true, message: t("previewLinkRevoked") };
});
