/** The site's own words, one dictionary per language. Article-level words follow the article's language. */
export const DICTIONARIES = {
  fr: {
    siteTagline: "L’information vérifiée, chaque jour",
    home: "Accueil",
    skipToContent: "Aller au contenu",
    mainNavigation: "Navigation principale",
    latest: "À la une",
    moreNews: "Dernières nouvelles",
    keyPoints: "Faits saillants",
    by: "Par",
    and: "et",
    published: "Publié le",
    updated: "Mis à jour le",
    tags: "Mots-clés",
    aboutAuthors: "À propos des auteurs",
    corrections: "Rectificatifs",
    related: "À lire aussi",
    noArticles: "Aucun article publié pour l’instant.",
    notFoundTitle: "Page introuvable",
    notFoundText: "Cette page n’existe pas ou n’est plus disponible.",
    backHome: "Retour à l’accueil",
    errorTitle: "Une erreur est survenue",
    errorText: "Nous n’avons pas pu afficher cette page. Réessayez dans un instant.",
    retry: "Réessayer",
    search: "Rechercher",
    searchLabel: "Rechercher des articles",
    newsroom: "Rédaction",
    footer: "Newsroom — plateforme éditoriale open source",
    readingTime: (min: number) => `${min} min de lecture`,
    articlesBy: "Articles",
    previous: "Page précédente",
    next: "Page suivante",
    section: "Rubrique",
    bySection: "Par rubrique",
    tagHeading: (name: string) => `#${name}`,
    tagPageTitle: (name: string) => `Articles sur #${name}`,
    sectionPageTitle: (name: string) => name,
    pageNumber: (page: number, pages: number) => `Page ${page} sur ${pages}`,
    pagination: "Pagination",
    feed: "Flux RSS",
    feedOf: (name: string) => `Flux RSS : ${name}`,
    siteFeedTitle: "Newsroom — derniers articles",
    authorLinks: "Liens",
    authorArticles: "Articles publiés",
    photoOf: (name: string) => `Portrait de ${name}`,
    location: "Lieu",
    searchTitle: "Recherche",
    // capped: more than n articles match and only the n most recent are ranked (db/queries/public-search.ts).
    searchResultsFor: (q: string, n: number, capped = false) =>
      capped ? `${n}+ résultats pour « ${q} » (les ${n} plus récents sont affichés)` : `${n} résultat${n > 1 ? "s" : ""} pour « ${q} »`,
    searchNoResults: (q: string) => `Aucun article ne correspond à « ${q} ».`,
    searchPrompt: "Saisissez un ou plusieurs mots pour chercher dans les articles publiés.",
    searchTips: "Astuce : mettez une expression entre guillemets, ou un mot précédé de « - » pour l’exclure.",
    imageCredit: "Photo",
    correctionOn: "Rectificatif du",
    mostRecent: "Toute l’actualité",
    readingTimeLabel: "Temps de lecture",
    share: "Partager",
    shareOn: (network: string) => `Partager sur ${network}`,
    shareByEmail: "Envoyer par e-mail",
    inThisSection: (name: string) => `Dans la rubrique ${name}`,
    previousInSection: "Article précédent",
    nextInSection: "Article suivant",
    updatedLabel: "Mis à jour",
    latestArticles: "Derniers articles",
  },
  en: {
    siteTagline: "Verified news, every day",
    home: "Home",
    skipToContent: "Skip to content",
    mainNavigation: "Main navigation",
    latest: "Top story",
    moreNews: "Latest news",
    keyPoints: "Key points",
    by: "By",
    and: "and",
    published: "Published",
    updated: "Updated",
    tags: "Tags",
    aboutAuthors: "About the authors",
    corrections: "Corrections",
    related: "Related articles",
    noArticles: "No published articles yet.",
    notFoundTitle: "Page not found",
    notFoundText: "This page does not exist or is no longer available.",
    backHome: "Back to the front page",
    errorTitle: "Something went wrong",
    errorText: "We could not show this page. Please try again in a moment.",
    retry: "Try again",
    search: "Search",
    searchLabel: "Search articles",
    newsroom: "Newsroom",
    footer: "Newsroom — open-source editorial platform",
    readingTime: (min: number) => `${min} min read`,
    articlesBy: "Articles",
    previous: "Previous page",
    next: "Next page",
    section: "Section",
    bySection: "By section",
    tagHeading: (name: string) => `#${name}`,
    tagPageTitle: (name: string) => `Articles tagged #${name}`,
    sectionPageTitle: (name: string) => name,
    pageNumber: (page: number, pages: number) => `Page ${page} of ${pages}`,
    pagination: "Pagination",
    feed: "RSS feed",
    feedOf: (name: string) => `RSS feed: ${name}`,
    siteFeedTitle: "Newsroom — latest articles",
    authorLinks: "Links",
    authorArticles: "Published articles",
    photoOf: (name: string) => `Portrait of ${name}`,
    location: "Location",
    searchTitle: "Search",
    searchResultsFor: (q: string, n: number, capped = false) =>
      capped ? `${n}+ results for “${q}” (the ${n} most recent are shown)` : `${n} result${n === 1 ? "" : "s"} for “${q}”`,
    searchNoResults: (q: string) => `No article matches “${q}”.`,
    searchPrompt: "Type one or more words to search the published articles.",
    searchTips: "Tip: put a phrase in quotes, or a word after “-” to exclude it.",
    imageCredit: "Photo",
    correctionOn: "Correction of",
    mostRecent: "All the news",
    readingTimeLabel: "Reading time",
    share: "Share",
    shareOn: (network: string) => `Share on ${network}`,
    shareByEmail: "Send by email",
    inThisSection: (name: string) => `More in ${name}`,
    previousInSection: "Previous article",
    nextInSection: "Next article",
    updatedLabel: "Updated",
    latestArticles: "Latest articles",
  },
} as const;

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
function formatter(language: string, timeZone: string, withTime: boolean): Intl.DateTimeFormat {
  const key = `${language}|${timeZone}|${withTime}`;
  let f = formatters.get(key);
  if (!f) {
    const options: Intl.DateTimeFormatOptions = withTime ? { dateStyle: "long", timeStyle: "short", timeZone } : { dateStyle: "long", timeZone };
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
export function formatDateTime(date: Date | string, language: string, timeZone = "Europe/Paris"): string {
  return formatter(language, timeZone, true).format(typeof date === "string" ? new Date(date) : date);
}

export function formatDate(date: Date | string, language: string, timeZone = "Europe/Paris"): string {
  return formatter(language, timeZone, false).format(typeof date === "string" ? new Date(date) : date);
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
