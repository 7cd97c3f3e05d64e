"use server";

import { getTranslations } from "next-intl/server";
import { revalidatePath } from "next/cache";
import { z } from "zod";

import { getDb } from "@/db";
import { authedFormAction } from "@/lib/actions/authed-action";
import { refused, type ActionResult } from "@/lib/actions/result";
import { createApiKey, revokeApiKey } from "@/lib/content-api/keys";
import { newsroomLocale } from "@/lib/i18n/interface";
import { localizedAction } from "@/lib/i18n/localized-action";

export type NewKey = { key: string; name: string };

const words = async () => getTranslations({ locale: await newsroomLocale(), namespace: "settings.api" });

export const createApiKeyAction = localizedAction(
  authedFormAction(
    z.object({ name: z.string().default("") }),
    async (input, actor): Promise<ActionResult<NewKey>> => {
      const r = await createApiKey(await getDb(), actor, input);
      if (!r.ok) return refused(r);
      revalidatePath("/newsroom/settings/api");
      return { ok: true, message: (await words())("created", { name: input.name.trim() }), data: { key: r.key, name: input.name.trim() } };
    },
    { echo: true },
  ),
);

export const revokeApiKeyAction = localizedAction(
  authedFormAction(z.object({ keyId: z.uuid() }), async (input, actor): Promise<ActionResult> => {
    const r = await revokeApiKey(await getDb(), actor, input.keyId);
    if (!r.ok) return refused(r);
    revalidatePath("/newsroom/settings/api");
    return { ok: true, message: (await words())("revoked") };
  }),
);
