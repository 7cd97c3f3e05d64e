import { dictionaryFor, type Dictionary } from "./dictionaries";

/** The site language (SITE_LANGUAGE, fr by default) picks the dictionary for the site's own words. */
export function siteLanguage(): "fr" | "en" {
  return process.env.SITE_LANGUAGE === "en" ? "en" : "fr";
}

export function siteDictionary(): Dictionary {
  return dictionaryFor(siteLanguage());
}
