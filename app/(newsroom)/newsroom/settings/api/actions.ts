"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";

import { getDb } from "@/db";
import { authedFormAction } from "@/lib/actions/authed-action";
import { refused, type ActionResult } from "@/lib/actions/result";
import { createApiKey, revokeApiKey } from "@/lib/content-api/keys";

export type NewKey = { key: string; name: string };

export const createApiKeyAction = authedFormAction(
  z.object({ name: z.string().default("") }),
  async (input, actor): Promise<ActionResult<NewKey>> => {
    const r = await createApiKey(await getDb(), actor, input);
    if (!r.ok) return refused(r);
    revalidatePath("/newsroom/settings/api");
    return { ok: true, message: `Key “${input.name.trim()}” created. Copy it now: it is not shown again.`, data: { key: r.key, name: input.name.trim() } };
  },
  { echo: true },
);

export const revokeApiKeyAction = authedFormAction(z.object({ keyId: z.uuid() }), async (input, actor): Promise<ActionResult> => {
  const r = await revokeApiKey(await getDb(), actor, input.keyId);
  if (!r.ok) return refused(r);
  revalidatePath("/newsroom/settings/api");
  return { ok: true, message: "Key revoked: requests with it now get 401." };
});
