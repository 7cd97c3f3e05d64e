/** The territory OpenGraph pairs with a bare language code (og:locale is language_TERRITORY). */
const DEFAULT_TERRITORY: Record<string, string> = {
  en: "GB",
  fr: "FR",
  de: "DE",
  es: "ES",
  it: "IT",
  pt: "PT",
  nl: "NL",
  ar: "AR",
  zh: "CN",
  ja: "JP",
  ko: "KR",
};

/** `fr` → `fr_FR`, `fr-CA` → `fr_CA`, `en` → `en_GB`; undefined for anything that is not a language tag. */
export function ogLocale(language: string | null | undefined): string | undefined {
  const m = /^([a-z]{2,3})(?:-([A-Za-z]{2}))?$/.exec(language ?? "");
  if (!m) return undefined;
  const territory = m[2]?.toUpperCase() ?? DEFAULT_TERRITORY[m[1]] ?? m[1].toUpperCase();
  return `${m[1]}_${territory}`;
}

/** A meta description from a listing's lead-in and its first headlines, cut at a word under 160 characters. */
export function listingDescription(leadIn: string, headlines: string[], max = 160): string {
  const full = headlines.length ? `${leadIn} : ${headlines.join(" · ")}` : leadIn;
  if (full.length <= max) return full;
  const cut = full.slice(0, max - 1);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(" "), leadIn.length))}…`;
}
