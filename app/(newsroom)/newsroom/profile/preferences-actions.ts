"use server";

import { getTranslations } from "next-intl/server";
import { revalidatePath } from "next/cache";
import { z } from "zod";

import { getDb } from "@/db";
import { authedFormAction } from "@/lib/actions/authed-action";
import { refused, type ActionResult } from "@/lib/actions/result";
import { newsroomLocale } from "@/lib/i18n/interface";
import { updatePreferences } from "@/lib/preferences/preferences";
import { preferencesFromForm, type PreferencesInput } from "@/lib/preferences/validation";

export const updatePreferencesAction = authedFormAction(
  z.object({}),
  async (_input, actor, form): Promise<ActionResult<undefined, undefined, PreferencesInput>> => {
    const values = preferencesFromForm(form);
    // Preferences are one's own: the actor is the owner, whatever the form says.
    const r = await updatePreferences(await getDb(), actor, { userId: actor.id, values });
    // Asked after the save: a new interface language answers in that language.
    const t = await getTranslations({ locale: await newsroomLocale(), namespace: "preferences" });
    if (!r.ok) return refused(r.fieldErrors?.interfaceLanguage ? { ...r, fieldErrors: { ...r.fieldErrors, interfaceLanguage: [t("languageError")] } } : r);
    // The interface language shows on every newsroom page.
    revalidatePath("/newsroom", "layout");
    return { ok: true, message: t("saved"), values };
  },
  { echo: preferencesFromForm },
);
