"use server";

import { z } from "zod";

import { getDb } from "@/db";
import { authedFormAction } from "@/lib/actions/authed-action";
import { refused, type ActionResult } from "@/lib/actions/result";
import { expirePublicSiteFrom } from "@/lib/cache/revalidate";
import { updateProfile } from "@/lib/profiles/profile";
import { profileFromForm, type ProfileInput } from "@/lib/profiles/validation";

export const updateProfileAction = authedFormAction(
  // Whose profile is only a request: updateProfile asks the policy whether this actor may.
  z.object({ userId: z.string().default("") }),
  async ({ userId }, actor, form): Promise<ActionResult<undefined, undefined, ProfileInput>> => {
    const values = profileFromForm(form);
    const photo = form.get("photo");
    const r = await updateProfile(await getDb(), actor, { userId, profile: values, photo: photo instanceof File ? photo : null });
    if (!r.ok) return refused(r);
    expirePublicSiteFrom("/newsroom/profile");
    return { ok: true, message: "Profile saved. Readers see it now.", values: { ...values, slug: r.data.slug } };
  },
  { echo: profileFromForm },
);
