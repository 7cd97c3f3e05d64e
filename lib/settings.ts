import "server-only";

import type { Tx } from "@/db";
import { listSiteSettings, upsertSiteSetting } from "@/db/queries/settings";

export const SITE_LANGUAGES = ["fr", "en"] as const;
export type SiteLanguage = (typeof SITE_LANGUAGES)[number];

export type SiteSettings = {
  siteName: string;
  /** The language of the public site's own words; article words follow each article. */
  siteLanguage: SiteLanguage;
  /** An article is approved or published only by an editor who is not one of its authors. */
  twoPersonRule: boolean;
  timeZone: string;
  defaultArticleLanguage: string;
  /** What editors choose for the front page (lib/front-page/front-page.ts). */
  frontPage: FrontPageSettings;
};

export type FrontPageSettings = {
  /** A published article to keep as the lead story; when it is no longer published, the most recent leads. */
  leadArticleId: string | null;
  /** Section slugs in the order of their front-page blocks; sections not listed follow in menu order. */
  sectionOrder: string[];
  /** Sections without a block on the front page. */
  hiddenSections: string[];
};

const isSiteLanguage = (value: unknown): value is SiteLanguage => SITE_LANGUAGES.includes(value as SiteLanguage);

/**
 * What a newsroom gets before an admin changes anything. SITE_LANGUAGE only seeds the site
 * language, so deployments that set it before it became a setting keep their language.
 */
export function defaultSettings(): SiteSettings {
  const envLanguage = process.env.SITE_LANGUAGE;
  return {
    siteName: "Newsroom",
    siteLanguage: isSiteLanguage(envLanguage) ? envLanguage : "fr",
    twoPersonRule: true,
    timeZone: "Europe/Paris",
    defaultArticleLanguage: "fr",
    frontPage: { leadArticleId: null, sectionOrder: [], hiddenSections: [] },
  };
}

export async function getSettings(db: Tx): Promise<SiteSettings> {
  const rows = await listSiteSettings({ db });
  const stored = Object.fromEntries(rows.map((r) => [r.key, r.value]));
  const settings = { ...defaultSettings(), ...stored } as SiteSettings;
  // A hand-edited row must not put an unknown language into <html lang> or pick no dictionary.
  if (!isSiteLanguage(settings.siteLanguage)) settings.siteLanguage = defaultSettings().siteLanguage;
  settings.frontPage = { ...defaultSettings().frontPage, ...(settings.frontPage ?? {}) };
  return settings;
}

export async function setSetting<K extends keyof SiteSettings>(db: Tx, key: K, value: SiteSettings[K]): Promise<void> {
  await upsertSiteSetting({ db, key, value });
}
