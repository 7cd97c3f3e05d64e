"use server";

import { revalidatePath } from "next/cache";
import { getDb } from "@/db";
import { getCurrentUser } from "@/lib/auth/session";
import { updateSettings } from "@/lib/settings-admin";

export type SettingsFormState = { ok?: boolean; message?: string; fieldErrors?: Record<string, string[]>; values?: Record<string, string> };

export async function saveSettingsAction(_prev: SettingsFormState, form: FormData): Promise<SettingsFormState> {
  const values = Object.fromEntries([...form.entries()].filter(([, v]) => typeof v === "string")) as Record<string, string>;
  const actor = await getCurrentUser();
  if (!actor) return { ok: false, message: "Your session has ended. Sign in again.", values };
  const r = await updateSettings(await getDb(), actor, {
    siteName: values.siteName ?? "",
    siteLanguage: values.siteLanguage ?? "",
    twoPersonRule: values.twoPersonRule === "on",
    timeZone: values.timeZone ?? "",
    defaultArticleLanguage: values.defaultArticleLanguage ?? "",
  });
  if (!r.ok) return { ok: false, message: r.message, fieldErrors: r.fieldErrors, values };
  revalidatePath("/newsroom", "layout");
  return { ok: true, message: "Settings saved." };
}
