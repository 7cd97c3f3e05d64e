"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";

import { getDb } from "@/db";
import { authedFormAction } from "@/lib/actions/authed-action";
import { refused, type ActionResult } from "@/lib/actions/result";
import { createWebhookEndpoint, deleteWebhookEndpoint, redeliverWebhook } from "@/lib/webhooks/webhooks";

export type NewEndpoint = { secret: string };

const PATH = "/newsroom/settings/webhooks";

export const createWebhookAction = authedFormAction(
  z.object({ url: z.string().default("") }),
  async (input, actor, form): Promise<ActionResult<NewEndpoint>> => {
    const events = form.getAll("events").filter((e): e is string => typeof e === "string");
    const r = await createWebhookEndpoint(await getDb(), actor, { url: input.url, events });
    if (!r.ok) return refused(r);
    revalidatePath(PATH);
    return { ok: true, message: "Endpoint added. Copy its signing secret now: it is not shown again.", data: { secret: r.secret } };
  },
  { echo: true },
);

export const deleteWebhookAction = authedFormAction(z.object({ endpointId: z.uuid() }), async (input, actor): Promise<ActionResult> => {
  const r = await deleteWebhookEndpoint(await getDb(), actor, input.endpointId);
  if (!r.ok) return refused(r);
  revalidatePath(PATH);
  return { ok: true, message: "Endpoint deleted." };
});

export const redeliverWebhookAction = authedFormAction(
  z.object({ deliveryId: z.coerce.number().int().positive() }),
  async (input, actor): Promise<ActionResult> => {
    const r = await redeliverWebhook(await getDb(), actor, input.deliveryId);
    if (!r.ok) return refused(r);
    revalidatePath(PATH);
    return { ok: true, message: "Queued again: it is sent within seconds, with the same webhook-id." };
  },
);
