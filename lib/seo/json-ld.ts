/**
 * JSON for a <script type="application/ld+json"> element. JSON.stringify alone is not enough:
 * a headline holding "</script>" would close the element. Escaping <, > and & as \u00XX keeps
 * the JSON identical once parsed, and the line separators keep old JS parsers happy.
 */
export function serializeJsonLd(data: unknown): string {
  return JSON.stringify(data)
    .replace(/</g, "\\u003c")
    .replace(/>/g, "\\u003e")
    .replace(/&/g, "\\u0026")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
}

export type NewsArticleInput = {
  url: string;
  headline: string;
  description: string;
  datePublished: string;
  dateModified: string;
  language: string;
  keywords: string[];
  image?: string | null;
  authors: { name: string; url: string }[];
  section?: string | null;
  publisher: { name: string; url: string };
};

export function newsArticleJsonLd(a: NewsArticleInput) {
  return {
    "@context": "https://schema.org",
    "@type": "NewsArticle",
    mainEntityOfPage: { "@type": "WebPage", "@id": a.url },
    url: a.url,
    headline: a.headline,
    description: a.description,
    datePublished: a.datePublished,
    dateModified: a.dateModified,
    inLanguage: a.language,
    keywords: a.keywords,
    ...(a.section ? { articleSection: a.section } : {}),
    ...(a.image ? { image: [a.image] } : {}),
    author: a.authors.map((p) => ({ "@type": "Person", name: p.name, url: p.url })),
    publisher: { "@type": "Organization", name: a.publisher.name, url: a.publisher.url },
  };
}
