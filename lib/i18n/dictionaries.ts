import { createTranslator } from "use-intl/core";

import { MESSAGES, type AppLocale, type Messages } from "./messages";

type PublicKey = keyof Messages["public"];
type Words = { [K in PublicKey as Messages["public"][K] extends `${string}{${string}` ? never : K]: string };

/**
 * The site's own words, from the "public" part of the catalogues (messages/*.json). Article-level
 * words follow the article's language. Plain words are strings; those with arguments (ICU
 * plurals and placeholders) are functions.
 */
function publicDictionary(locale: AppLocale) {
  const t = createTranslator({ locale, messages: MESSAGES[locale], namespace: "public" });
  const words = Object.fromEntries(
    Object.entries(MESSAGES[locale].public)
      .filter(([, text]) => !text.includes("{"))
      .map(([key]) => [key, t(key as PublicKey)]),
  ) as Words;
  return {
    ...words,
    readingTime: (min: number) => t("readingTime", { min }),
    tagHeading: (name: string) => t("tagHeading", { name }),
    tagPageTitle: (name: string) => t("tagPageTitle", { name }),
    sectionPageTitle: (name: string) => t("sectionPageTitle", { name }),
    pageNumber: (page: number, pages: number) => t("pageNumber", { page, pages }),
    feedOf: (name: string) => t("feedOf", { name }),
    photoOf: (name: string) => t("photoOf", { name }),
    // capped: more than n articles match and only the n most recent are ranked (db/queries/public-search.ts).
    searchResultsFor: (q: string, n: number, capped = false) => (capped ? t("searchResultsCapped", { q, n: String(n) }) : t("searchResultsFor", { q, n })),
    searchNoResults: (q: string) => t("searchNoResults", { q }),
    shareOn: (network: string) => t("shareOn", { network }),
    inThisSection: (name: string) => t("inThisSection", { name }),
  };
}

export const DICTIONARIES = { fr: publicDictionary("fr"), en: publicDictionary("en") };

export type Locale = keyof typeof DICTIONARIES;
export type Dictionary = (typeof DICTIONARIES)[Locale];

/** The dictionary for a BCP 47 tag ("fr-CA" → fr); unknown languages fall back to English. */
export function dictionaryFor(language: string | null | undefined): Dictionary {
  const base = (language ?? "").toLowerCase().split("-")[0];
  return base in DICTIONARIES ? DICTIONARIES[base as Locale] : DICTIONARIES.en;
}

// Building an Intl.DateTimeFormat costs far more than using one, and every public page formats
// several dates: keep one per (language, style, time zone). Unknown tags fall back to English.
const formatters = new Map<string, Intl.DateTimeFormat>();
const STYLES = {
  date: { dateStyle: "long" },
  dateTime: { dateStyle: "long", timeStyle: "short" },
  fullDate: { dateStyle: "full" },
} as const satisfies Record<string, Intl.DateTimeFormatOptions>;
function formatter(language: string, timeZone: string, style: keyof typeof STYLES): Intl.DateTimeFormat {
  const key = `${language}|${timeZone}|${style}`;
  let f = formatters.get(key);
  if (!f) {
    const options: Intl.DateTimeFormatOptions = { ...STYLES[style], timeZone };
    try {
      f = new Intl.DateTimeFormat(language, options);
    } catch {
      f = new Intl.DateTimeFormat("en", options);
    }
    if (formatters.size > 200) formatters.clear();
    formatters.set(key, f);
  }
  return f;
}

/** A date in the reader-facing words of `language`; an unknown or malformed tag falls back to English. */
/** French writes the first of the month as an ordinal ("1er décembre"), which Intl does not. */
function withFrenchOrdinal(f: Intl.DateTimeFormat, text: string): string {
  return f.resolvedOptions().locale.startsWith("fr") ? text.replace(/(^|\s)1 (?=\p{L})/u, "$11er ") : text;
}

function format(date: Date | string, language: string, timeZone: string, style: keyof typeof STYLES): string {
  const f = formatter(language, timeZone, style);
  return withFrenchOrdinal(f, f.format(typeof date === "string" ? new Date(date) : date));
}

export function formatDateTime(date: Date | string, language: string, timeZone = "Europe/Paris"): string {
  return format(date, language, timeZone, "dateTime");
}

export function formatDate(date: Date | string, language: string, timeZone = "Europe/Paris"): string {
  return format(date, language, timeZone, "date");
}

/** The day in full ("dimanche 29 novembre 2026"), as the masthead shows it. */
export function formatFullDate(date: Date, language: string, timeZone = "Europe/Paris"): string {
  return format(date, language, timeZone, "fullDate");
}

/** A BCP 47 tag safe to put in a lang attribute (anything malformed becomes "und"). */
export function langAttr(language: string | null | undefined): string {
  try {
    return Intl.getCanonicalLocales(language ?? "")[0] ?? "und";
  } catch {
    return "und";
  }
}

const RTL = new Set(["ar", "he", "fa", "ur", "ps", "yi", "dv", "ckb", "sd", "ug"]);

/** "rtl" for a language written right to left (Arabic, Hebrew, Persian…), else undefined (the page's direction). */
export function dirAttr(language: string | null | undefined): "rtl" | "ltr" | undefined {
  const base = (language ?? "").toLowerCase().split("-")[0];
  return RTL.has(base) ? "rtl" : undefined;
}
