"use server";

import { getTranslations } from "next-intl/server";

import { getDb } from "@/db";
import { authedAction } from "@/lib/actions/authed-action";
import { refused, type ActionResult } from "@/lib/actions/result";
import { setChecklistTick } from "@/lib/checklist/checklist";
import { tickChecklistItemSchema } from "@/lib/checklist/validation";
import { newsroomLocale } from "@/lib/i18n/interface";

/** The sidebar's checklist boxes; lib/checklist decides who may tick (lib/permissions.ts). */
export const setChecklistTickAction = authedAction(tickChecklistItemSchema, async (input, user): Promise<ActionResult> => {
  const r = await setChecklistTick(await getDb(), user, input);
  if (!r.ok) return refused(r);
  const t = await getTranslations({ locale: await newsroomLocale(), namespace: "articles.actions" });
  return { ok: true, message: input.ticked ? t("ticked") : t("unticked") };
});
