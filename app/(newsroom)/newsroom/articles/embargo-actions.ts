"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";

import { getDb } from "@/db";
import { authedFormAction } from "@/lib/actions/authed-action";
import { refused, type ActionResult } from "@/lib/actions/result";
import { setEmbargo } from "@/lib/embargo/embargo";

const embargoSchema = z.object({
  articleId: z.uuid(),
  embargoUntil: z.string().max(40, "Enter a date and time for the embargo.").default(""),
  intent: z.enum(["set", "lift"]).default("set"),
});

/** `Embargo until` in the sidebar: set or change it, or lift it (the domain function checks who may). */
export const setEmbargoAction = authedFormAction(
  embargoSchema,
  async (input, user): Promise<ActionResult> => {
    const r = await setEmbargo(await getDb(), user, { articleId: input.articleId, until: input.intent === "lift" ? "" : input.embargoUntil });
    if (!r.ok) return refused(r);
    revalidatePath(`/newsroom/articles/${input.articleId}`);
    return { ok: true, message: r.message };
  },
  { echo: true },
);
