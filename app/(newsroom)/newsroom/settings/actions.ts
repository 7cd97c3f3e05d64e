"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";

import { getDb } from "@/db";
import { authedFormAction } from "@/lib/actions/authed-action";
import { refused, type ActionResult } from "@/lib/actions/result";
import { updateSettings } from "@/lib/settings-admin";

// Only the form's shape: updateSettings validates the values themselves.
const settingsForm = z.object({
  siteName: z.string().default(""),
  siteLanguage: z.string().default(""),
  twoPersonRule: z
    .string()
    .optional()
    .transform((v) => v === "on"),
  timeZone: z.string().default(""),
  defaultArticleLanguage: z.string().default(""),
});

export const saveSettingsAction = authedFormAction(
  settingsForm,
  async (input, actor): Promise<ActionResult> => {
    const r = await updateSettings(await getDb(), actor, input);
    if (!r.ok) return refused(r);
    revalidatePath("/newsroom", "layout");
    return { ok: true, message: "Settings saved." };
  },
  { echo: true },
);
