"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";

import { getDb } from "@/db";
import { authedFormAction } from "@/lib/actions/authed-action";
import { refused, type ActionResult } from "@/lib/actions/result";
import { updatePreferences } from "@/lib/preferences/preferences";
import { preferencesFromForm, type PreferencesInput } from "@/lib/preferences/validation";

export const updatePreferencesAction = authedFormAction(
  z.object({}),
  async (_input, actor, form): Promise<ActionResult<undefined, undefined, PreferencesInput>> => {
    const values = preferencesFromForm(form);
    // Preferences are one's own: the actor is the owner, whatever the form says.
    const r = await updatePreferences(await getDb(), actor, { userId: actor.id, values });
    if (!r.ok) return refused(r);
    // The interface language shows on every newsroom page.
    revalidatePath("/newsroom", "layout");
    return { ok: true, message: "Preferences saved.", values };
  },
  { echo: preferencesFromForm },
);
