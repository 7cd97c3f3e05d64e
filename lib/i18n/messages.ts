/**
 * The catalogues: one ICU message file per language (messages/fr.json, messages/en.json), the
 * same keys in both (lib/i18n/messages.test.ts fails otherwise). English is the reference for
 * the types: a key used in code that is not in the catalogue does not compile (global.d.ts).
 */
import en from "@/messages/en.json";
import fr from "@/messages/fr.json";

export const LOCALES = ["fr", "en"] as const;
export type AppLocale = (typeof LOCALES)[number];
export type Messages = typeof en;

export const MESSAGES: Record<AppLocale, Messages> = { fr, en };

export function isAppLocale(value: unknown): value is AppLocale {
  return LOCALES.includes(value as AppLocale);
}

/** "fr-CA" → fr; a language the interface does not speak → null. */
export function appLocaleOf(tag: string | null | undefined): AppLocale | null {
  const base = (tag ?? "").toLowerCase().split(/[-_]/)[0];
  return isAppLocale(base) ? base : null;
}

/**
 * The interface language a browser asks for (Accept-Language, by quality), or null when it
 * asks for none the interface speaks.
 */
export function localeFromAcceptLanguage(header: string | null | undefined): AppLocale | null {
  const wanted = (header ?? "")
    .split(",")
    .map((part, i) => {
      const [tag, ...params] = part.trim().split(";");
      const q = Number(
        params
          .find((p) => p.trim().startsWith("q="))
          ?.trim()
          .slice(2) ?? "1",
      );
      return { locale: appLocaleOf(tag), q: Number.isFinite(q) ? q : 0, i };
    })
    .filter((w) => w.locale && w.q > 0)
    .sort((a, b) => b.q - a.q || a.i - b.i);
  return wanted[0]?.locale ?? null;
}

/** Each language by its own name, as language menus show it. */
export const LOCALE_NAMES: Record<AppLocale, string> = { fr: "Français", en: "English" };
