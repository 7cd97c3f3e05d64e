/**
 * What an article says about itself to search engines, social networks and feed readers: the
 * editor's search and social fields where filled in, else the headline, dek and featured image.
 * Pure and client-safe: the public page, the feed and the editor's live previews all use it, so
 * the preview shows exactly what goes out.
 */
import type { FeaturedImage, SeoFields } from "@/db/schema";

import { encodedUrl } from "./encoded-url";

export type ArticleSeoSource = {
  headline: string;
  dek: string;
  featuredImage?: FeaturedImage | null;
  seo?: SeoFields | null;
};

export type ResolvedSeo = {
  /** The document title and the search result's headline. */
  title: string;
  /** The meta description; empty when neither it nor the dek is set. */
  description: string;
  socialTitle: string;
  socialDescription: string;
  /** The social card's image: the chosen social image, else the featured image. */
  image: { src: string; alt: string } | null;
  /** Set only for syndicated pieces (percent-encoded); otherwise the article's own address is canonical. */
  canonicalUrl: string | null;
};

const text = (v: string | undefined | null) => (typeof v === "string" ? v.trim() : "");

export function resolveArticleSeo(a: ArticleSeoSource): ResolvedSeo {
  const seo = a.seo ?? {};
  const title = text(seo.seoTitle) || a.headline;
  const description = text(seo.metaDescription) || a.dek;
  const featured = a.featuredImage?.src ? { src: a.featuredImage.src, alt: a.featuredImage.alt } : null;
  return {
    title,
    description,
    // A social title falls back to the headline, not to the SEO title: the SEO title is written
    // for search results (keywords first), the headline for people.
    socialTitle: text(seo.socialTitle) || a.headline,
    socialDescription: text(seo.socialDescription) || description,
    image: seo.socialImage?.src ? { src: seo.socialImage.src, alt: seo.socialImage.alt } : featured,
    // As validators and crawlers expect it: percent-encoded, punycode host (the stored text is what was typed).
    canonicalUrl: encodedUrl(text(seo.canonicalUrl)),
  };
}

/** What is stored: trimmed texts, empty ones left out (they fall back), no image without a source. */
export function cleanSeoFields(fields: SeoFields): SeoFields {
  const out: SeoFields = {};
  for (const key of ["seoTitle", "metaDescription", "socialTitle", "socialDescription", "canonicalUrl"] as const) {
    const value = text(fields[key]);
    if (value) out[key] = value;
  }
  if (fields.socialImage?.src) out.socialImage = { src: fields.socialImage.src, alt: fields.socialImage.alt.trim() };
  return out;
}

/** The fields as lines of text, for the revision diff and the history (empty ones left out). */
export function seoText(seo: SeoFields | null | undefined): string {
  if (!seo) return "";
  const lines: string[] = [];
  if (seo.seoTitle) lines.push(`SEO title: ${seo.seoTitle}`);
  if (seo.metaDescription) lines.push(`Meta description: ${seo.metaDescription}`);
  if (seo.socialTitle) lines.push(`Social title: ${seo.socialTitle}`);
  if (seo.socialDescription) lines.push(`Social description: ${seo.socialDescription}`);
  if (seo.socialImage?.src) lines.push(`Social image: ${seo.socialImage.src} (${seo.socialImage.alt})`);
  if (seo.canonicalUrl) lines.push(`Canonical URL: ${seo.canonicalUrl}`);
  return lines.join("\n");
}
