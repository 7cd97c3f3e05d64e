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
  publisher: { name: string; url: string; logo?: { url: string; width: number; height: number } };
  /** A syndicated piece's original (its canonical URL). */
  basedOn?: string | null;
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
    ...(a.basedOn ? { isBasedOn: a.basedOn } : {}),
    author: a.authors.map((p) => ({ "@type": "Person", name: p.name, url: p.url })),
    publisher: {
      "@type": "Organization",
      name: a.publisher.name,
      url: a.publisher.url,
      ...(a.publisher.logo ? { logo: { "@type": "ImageObject", ...a.publisher.logo } } : {}),
    },
  };
}

/** The front page's description of the site, with the search box search engines may offer. */
export function websiteJsonLd(w: { origin: string; name: string; description: string; language: string }) {
  const url = `${w.origin}/`;
  return {
    "@context": "https://schema.org",
    "@type": "WebSite",
    "@id": url,
    url,
    name: w.name,
    description: w.description,
    inLanguage: w.language,
    potentialAction: {
      "@type": "SearchAction",
      target: { "@type": "EntryPoint", urlTemplate: `${w.origin}/search?q={search_term_string}` },
      "query-input": "required name=search_term_string",
    },
  };
}

/** An author page: a ProfilePage whose main entity is the person. */
export function profilePageJsonLd(p: {
  url: string;
  name: string;
  jobTitle?: string | null;
  description?: string | null;
  image?: string | null;
  sameAs: string[];
}) {
  return {
    "@context": "https://schema.org",
    "@type": "ProfilePage",
    url: p.url,
    mainEntity: {
      "@type": "Person",
      "@id": `${p.url}#person`,
      name: p.name,
      url: p.url,
      ...(p.jobTitle ? { jobTitle: p.jobTitle } : {}),
      ...(p.description ? { description: p.description } : {}),
      ...(p.image ? { image: p.image } : {}),
      ...(p.sameAs.length ? { sameAs: p.sameAs } : {}),
    },
  };
}
