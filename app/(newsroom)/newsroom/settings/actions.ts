"use server";

import { getTranslations } from "next-intl/server";
import { revalidatePath } from "next/cache";
import { z } from "zod";

import { getDb } from "@/db";
import { authedFormAction } from "@/lib/actions/authed-action";
import { refused, type ActionResult } from "@/lib/actions/result";
import { newsroomLocale } from "@/lib/i18n/interface";
import { localizedAction } from "@/lib/i18n/localized-action";
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

export const saveSettingsAction = localizedAction(
  authedFormAction(
    settingsForm,
    async (input, actor): Promise<ActionResult> => {
      const r = await updateSettings(await getDb(), actor, input);
      if (!r.ok) return refused(r);
      revalidatePath("/newsroom", "layout");
      // Asked after the save: the answer is in the newsroom's language.
      const t = await getTranslations({ locale: await newsroomLocale(), namespace: "settings" });
      return { ok: true, message: t("saved") };
    },
    { echo: true },
  ),
);
