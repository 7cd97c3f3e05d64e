import "server-only";

import { z } from "zod";

import type { Db } from "@/db";
import { insertEvent } from "@/db/queries/events";
import { canGlobal, type PolicyUser } from "@/lib/permissions";
import { getSettings, setSetting, SITE_LANGUAGES, type SiteSettings } from "@/lib/settings";

function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

function isLanguageTag(value: string): boolean {
  try {
    return Intl.getCanonicalLocales(value).length === 1;
  } catch {
    return false;
  }
}

export const settingsSchema = z.object({
  siteName: z.string().trim().min(1, "Enter the newsroom's name.").max(80, "At most 80 characters."),
  siteLanguage: z.enum(SITE_LANGUAGES, { message: "Choose Français or English." }),
  twoPersonRule: z.boolean(),
  timeZone: z.string().trim().refine(isTimeZone, "Not a time zone: use a name like Europe/Paris."),
  defaultArticleLanguage: z
    .string()
    .trim()
    .max(35, "At most 35 characters.")
    .refine(isLanguageTag, "Not a language code: use a BCP 47 code like fr, en or fr-CA."),
});
export type SettingsInput = z.infer<typeof settingsSchema>;

export type SettingsResult =
  { ok: true; settings: SiteSettings } | { ok: false; code: "forbidden" | "invalid"; message: string; fieldErrors?: Record<string, string[]> };

/** Admins change site settings; every change is recorded in the event log with its old and new value. */
export async function updateSettings(db: Db, actor: PolicyUser | null, raw: unknown): Promise<SettingsResult> {
  const allowed = canGlobal(actor, "settings:manage");
  if (!allowed.ok) return { ok: false, code: "forbidden", message: allowed.reason };
  const parsed = settingsSchema.safeParse(raw);
  if (!parsed.success) {
    const fieldErrors: Record<string, string[]> = {};
    for (const issue of parsed.error.issues) (fieldErrors[String(issue.path[0] ?? "form")] ??= []).push(issue.message);
    return { ok: false, code: "invalid", message: "Please correct the highlighted fields.", fieldErrors };
  }
  const input = { ...parsed.data, defaultArticleLanguage: Intl.getCanonicalLocales(parsed.data.defaultArticleLanguage)[0] };
  return db.transaction(async (tx) => {
    const before = await getSettings(tx);
    const changed: Record<string, { from: unknown; to: unknown }> = {};
    for (const key of Object.keys(input) as (keyof SettingsInput)[]) {
      if (before[key] === input[key]) continue;
      changed[key] = { from: before[key], to: input[key] };
      await setSetting(tx, key, input[key] as never);
    }
    if (Object.keys(changed).length) await insertEvent({ db: tx, event: { type: "settings.changed", actorId: actor!.id, data: changed } });
    return { ok: true, settings: { ...before, ...input } };
  });
}
