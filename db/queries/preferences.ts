import "server-only";

import { eq } from "drizzle-orm";

import type { Tx } from "@/db";
import { userPreferences } from "@/db/schema";

export type PreferenceValues = { interfaceLanguage: string | null; typographyAsYouType: boolean };

export async function getUserPreferences({ db, userId }: { db: Tx; userId: string }): Promise<PreferenceValues | undefined> {
  const [row] = await db
    .select({ interfaceLanguage: userPreferences.interfaceLanguage, typographyAsYouType: userPreferences.typographyAsYouType })
    .from(userPreferences)
    .where(eq(userPreferences.userId, userId))
    .limit(1);
  return row;
}

export async function upsertUserPreferences({ db, userId, values }: { db: Tx; userId: string; values: PreferenceValues }): Promise<void> {
  const set = { ...values, updatedAt: new Date() };
  await db
    .insert(userPreferences)
    .values({ userId, ...set })
    .onConflictDoUpdate({ target: userPreferences.userId, set });
}
