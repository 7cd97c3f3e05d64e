import "server-only";

import type { Tx } from "@/db";
import { siteSettings } from "@/db/schema";

/** Every stored setting as a key/value row; settings never changed have no row. */
export async function listSiteSettings({ db }: { db: Tx }): Promise<{ key: string; value: unknown }[]> {
  return db.select({ key: siteSettings.key, value: siteSettings.value }).from(siteSettings);
}

export async function upsertSiteSetting({ db, key, value }: { db: Tx; key: string; value: unknown }): Promise<void> {
  await db
    .insert(siteSettings)
    .values({ key, value, updatedAt: new Date() })
    .onConflictDoUpdate({ target: siteSettings.key, set: { value, updatedAt: new Date() } });
}
