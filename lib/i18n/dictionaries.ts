/** The site's own words, one dictionary per language (product.md §6). Article-level words follow the article's language. */
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
  },
} as const;

export type Locale = keyof typeof DICTIONARIES;
export type Dictionary = (typeof DICTIONARIES)[Locale];

/** The dictionary for a BCP 47 tag ("fr-CA" → fr); unknown languages fall back to English. */
export function dictionaryFor(language: string | null | undefined): Dictionary {
  const base = (language ?? "").toLowerCase().split("-")[0];
  return base in DICTIONARIES ? DICTIONARIES[base as Locale] : DICTIONARIES.en;
}

export function formatDateTime(date: Date, language: string, timeZone = "Europe/Paris"): string {
  return new Intl.DateTimeFormat(language, { dateStyle: "long", timeStyle: "short", timeZone }).format(date);
}
