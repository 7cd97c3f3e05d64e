"use server";

import { z } from "zod";

import { getDb } from "@/db";
import { authedAction } from "@/lib/actions/authed-action";
import { refused, type ActionResult } from "@/lib/actions/result";
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
  return {
    ok: true,
    message: "Preview link created. Copy it now: it is shown only once.",
    data: { path: `/preview/${r.token}`, expiresAt: r.expiresAt.toISOString() },
  };
});

const revokeSchema = z.object({ articleId: z.uuid(), linkId: z.number().int().positive() });

export const revokePreviewLinkAction = authedAction(revokeSchema, async (input, user): Promise<ActionResult> => {
  const r = await revokePreviewLink(await getDb(), user, input);
  if (!r.ok) return refused(r);
  return { ok: true, message: "The link was revoked." };
});
