import "server-only";
import { siteSettings } from "@/db/schema";
import type { Tx } from "@/db";

export type SiteSettings = {
  siteName: string;
  siteLanguage: "fr" | "en";
  /** product.md §1: an article is approved or published only by an editor who is not one of its authors. */
  twoPersonRule: boolean;
  timeZone: string;
  defaultArticleLanguage: string;
};

export const DEFAULT_SETTINGS: SiteSettings = {
  siteName: "Newsroom",
  siteLanguage: "fr",
  twoPersonRule: true,
  timeZone: "Europe/Paris",
  defaultArticleLanguage: "fr",
};

export async function getSettings(db: Tx): Promise<SiteSettings> {
  const rows = await db.select().from(siteSettings);
  const stored = Object.fromEntries(rows.map((r) => [r.key, r.value]));
  return { ...DEFAULT_SETTINGS, ...stored } as SiteSettings;
}

export async function setSetting<K extends keyof SiteSettings>(db: Tx, key: K, value: SiteSettings[K]): Promise<void> {
  await db
    .insert(siteSettings)
    .values({ key, value, updatedAt: new Date() })
    .onConflictDoUpdate({ target: siteSettings.key, set: { value, updatedAt: new Date() } });
}
