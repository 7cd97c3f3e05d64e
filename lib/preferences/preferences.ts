import "server-only";

import type { Tx } from "@/db";
import { getUserPreferences, upsertUserPreferences } from "@/db/queries/preferences";
import { denied, fieldErrorsOf } from "@/lib/actions/result";
import { canEditPreferences, type PolicyUser } from "@/lib/permissions";
import type { Result } from "@/lib/users/manage";

import { preferencesSchema, type InterfaceLanguage, type PreferencesInput } from "./validation";

export type Preferences = { interfaceLanguage: InterfaceLanguage | null; typographyAsYouType: boolean };

export const DEFAULT_PREFERENCES: Preferences = { interfaceLanguage: null, typographyAsYouType: true };

/** A person's preferences, or the defaults when they never saved any. */
export async function preferencesOf(db: Tx, userId: string): Promise<Preferences> {
  const row = await getUserPreferences({ db, userId });
  return row
    ? { interfaceLanguage: (row.interfaceLanguage as InterfaceLanguage | null) ?? null, typographyAsYouType: row.typographyAsYouType }
    : DEFAULT_PREFERENCES;
}

/** Saves a person's own preferences after the policy and the validation agree. */
export async function updatePreferences(db: Tx, actor: PolicyUser, input: { userId: string; values: PreferencesInput }): Promise<Result<Preferences>> {
  const allowed = canEditPreferences(actor, input.userId);
  if (!allowed.ok) return denied(allowed);
  const parsed = preferencesSchema.safeParse({ ...input.values, typographyAsYouType: input.values.typographyAsYouType === "on" });
  if (!parsed.success) return { ok: false, code: "invalid", message: "Please correct the highlighted fields.", fieldErrors: fieldErrorsOf(parsed.error) };
  const values = { interfaceLanguage: parsed.data.interfaceLanguage || null, typographyAsYouType: parsed.data.typographyAsYouType };
  await upsertUserPreferences({ db, userId: input.userId, values });
  return { ok: true, data: values };
}
