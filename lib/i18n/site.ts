import "server-only";

import { cache } from "react";

import { getSiteSettings } from "@/lib/cache/public-data";
import type { SiteLanguage } from "@/lib/settings";

import { dictionaryFor, type Dictionary } from "./dictionaries";

/**
 * The site language (a setting; SITE_LANGUAGE is only its default) picks the dictionary for the
 * site's own words. Read through the public data cache, and once per server render: the root
 * layout, the public layout and the page all ask for it.
 */
export const siteLanguage = cache(async (): Promise<SiteLanguage> => (await getSiteSettings()).siteLanguage);

/** The newsroom's time zone (a setting): public dates and times are shown in it. */
export const siteTimeZone = cache(async (): Promise<string> => (await getSiteSettings()).timeZone);

export async function siteDictionary(): Promise<Dictionary> {
  return dictionaryFor(await siteLanguage());
}
