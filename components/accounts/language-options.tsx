import { LOCALE_NAMES, LOCALES } from "@/lib/i18n/messages";

/** The interface languages as <option>s, each named in its own language (and marked so). */
export function LanguageOptions() {
  return LOCALES.map((locale) => (
    <option key={locale} value={locale} lang={locale}>
      {LOCALE_NAMES[locale]}
    </option>
  ));
}
