"use server";

import { getDb } from "@/db";
import { getCurrentUser } from "@/lib/auth/session";
import { expirePublicSiteFrom } from "@/lib/cache/revalidate";
import { updateProfile } from "@/lib/profiles/profile";
import { profileFromForm, type ProfileInput } from "@/lib/profiles/validation";

export type ProfileFormState = { ok?: boolean; message?: string; fieldErrors?: Record<string, string[]>; values?: ProfileInput; slug?: string };

export async function updateProfileAction(_prev: ProfileFormState, form: FormData): Promise<ProfileFormState> {
  const actor = await getCurrentUser();
  const values = profileFromForm(form);
  if (!actor) return { ok: false, message: "Your session has ended. Sign in again.", values };
  // Whose profile is only a request: updateProfile asks the policy whether this actor may.
  const userId = String(form.get("userId") ?? "");
  const photo = form.get("photo");
  const r = await updateProfile(await getDb(), actor, { userId, profile: values, photo: photo instanceof File ? photo : null });
  if (!r.ok) return { ok: false, message: r.message, fieldErrors: r.fieldErrors, values };
  expirePublicSiteFrom("/newsroom/profile");
  return { ok: true, message: "Profile saved. Readers see it now.", slug: r.data.slug, values: { ...values, slug: r.data.slug } };
}
