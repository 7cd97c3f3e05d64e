"use server";

import { getTranslations } from "next-intl/server";
import { revalidatePath } from "next/cache";
import { z } from "zod";

import { getDb } from "@/db";
import { authedFormAction } from "@/lib/actions/authed-action";
import { refused, type ActionResult } from "@/lib/actions/result";
import { newsroomLocale } from "@/lib/i18n/interface";
import { localizedAction } from "@/lib/i18n/localized-action";
import { createWebhookEndpoint, deleteWebhookEndpoint, redeliverWebhook } from "@/lib/webhooks/webhooks";

export type NewEndpoint = { secret: string };

const words = async () => getTranslations({ locale: await newsroomLocale(), namespace: "settings.webhooks" });

const PATH = "/newsroom/settings/webhooks";

export const createWebhookAction = localizedAction(
  authedFormAction(
    z.object({ url: z.string().default("") }),
    async (input, actor, form): Promise<ActionResult<NewEndpoint>> => {
      const events = form.getAll("events").filter((e): e is string => typeof e === "string");
      const r = await createWebhookEndpoint(await getDb(), actor, { url: input.url, events });
      if (!r.ok) return refused(r);
      revalidatePath(PATH);
      return { ok: true, message: (await words())("added"), data: { secret: r.secret } };
    },
    { echo: true },
  ),
);

export const deleteWebhookAction = localizedAction(
  authedFormAction(z.object({ endpointId: z.uuid() }), async (input, actor): Promise<ActionResult> => {
    const r = await deleteWebhookEndpoint(await getDb(), actor, input.endpointId);
    if (!r.ok) return refused(r);
    revalidatePath(PATH);
    return { ok: true, message: (await words())("deleted") };
  }),
);

export const redeliverWebhookAction = localizedAction(
  authedFormAction(z.object({ deliveryId: z.coerce.number().int().positive() }), async (input, actor): Promise<ActionResult> => {
    const r = await redeliverWebhook(await getDb(), actor, input.deliveryId);
    if (!r.ok) return refused(r);
    revalidatePath(PATH);
    return { ok: true, message: (await words())("queued") };
  }),
);
