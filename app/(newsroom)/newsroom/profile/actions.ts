"use server";

import { getTranslations } from "next-intl/server";
import { z } from "zod";

import { getDb } from "@/db";
import { authedFormAction } from "@/lib/actions/authed-action";
import { refused, type ActionResult } from "@/lib/actions/result";
import { expirePublicSiteFrom } from "@/lib/cache/revalidate";
import { newsroomLocale } from "@/lib/i18n/interface";
import { localizedAction } from "@/lib/i18n/localized-action";
import { updateProfile } from "@/lib/profiles/profile";
import { profileFromForm, type ProfileInput } from "@/lib/profiles/validation";

export const updateProfileAction = localizedAction(
  authedFormAction(
    // Whose profile is only a request: updateProfile asks the policy whether this actor may.
    z.object({ userId: z.string().default("") }),
    async ({ userId }, actor, form): Promise<ActionResult<undefined, undefined, ProfileInput>> => {
      const values = profileFromForm(form);
      const photo = form.get("photo");
      const r = await updateProfile(await getDb(), actor, { userId, profile: values, photo: photo instanceof File ? photo : null });
      if (!r.ok) return refused(r);
      expirePublicSiteFrom("/newsroom/profile");
      return {
        ok: true,
        message: (await getTranslations({ locale: await newsroomLocale(), namespace: "profile" }))("saved"),
        values: { ...values, slug: r.data.slug },
      };
    },
    { echo: profileFromForm },
  ),
);
