import type { FeaturedImage, TagSnapshot } from "@/db/schema";
import { boundedMemo } from "@/lib/bounded-memo.mjs";

/*
 * The API's JSON shapes (snake_case, absolute URLs, ISO dates), the same as
 * /api/v1/openapi.json describes. Plain functions of rows already read through the public queries.
 */

export type Byline = { slug: string; displayName: string; jobTitle: string };
type Section = { name: string | null; slug: string | null } | null;

// A list page names the same tags, sections and authors again and again (hundreds of URLs a page):
// each absolute URL is made once and remembered (bounded; a space never occurs in an origin).
const absUrl = boundedMemo(
  (key: string) => {
    const space = key.indexOf(" ");
    return new URL(key.slice(space + 1), `${key.slice(0, space)}/`).toString();
  },
  { maxEntries: 4096, maxKeyLength: 1024 },
);
const abs = (origin: string, path: string) => absUrl(`${origin} ${path}`);
const date = (d: Date | null) => (d ? d.toISOString() : null);

export function imageJson(origin: string, image: FeaturedImage | null) {
  if (!image) return null;
  return { src: abs(origin, image.src), alt: image.alt, credit: image.credit ?? null, caption: image.caption ?? null };
}

export function sectionJson(origin: string, section: Section) {
  if (!section?.slug || !section.name) return null;
  return { name: section.name, slug: section.slug, url: abs(origin, `/sections/${section.slug}`) };
}

export function tagJson(origin: string, tag: Pick<TagSnapshot, "name" | "slug">) {
  return { name: tag.name, slug: tag.slug, url: abs(origin, `/tags/${tag.slug}`) };
}

export function bylineJson(origin: string, b: Pick<Byline, "slug" | "displayName" | "jobTitle">) {
  return { slug: b.slug, name: b.displayName, job_title: b.jobTitle, url: abs(origin, `/authors/${b.slug}`) };
}

export type ArticleRow = {
  id: string;
  slug: string;
  headline: string;
  dek: string;
  language: string;
  featuredImage: FeaturedImage | null;
  firstPublishedAt: Date | null;
  publishedUpdatedAt: Date | null;
  bodyHtml: string;
  tags: TagSnapshot[];
  section: Section;
};

/** An article as the API lists it; `authors` is its own live byline, in order. */
export function articleSummaryJson(origin: string, a: ArticleRow, authors: Byline[]) {
  return {
    id: a.id,
    slug: a.slug,
    url: abs(origin, `/articles/${a.slug}`),
    headline: a.headline,
    dek: a.dek,
    language: a.language,
    section: sectionJson(origin, a.section),
    tags: a.tags.map((t) => tagJson(origin, t)),
    authors: authors.map((b) => bylineJson(origin, b)),
    featured_image: imageJson(origin, a.featuredImage),
    published_at: date(a.firstPublishedAt),
    updated_at: date(a.publishedUpdatedAt),
    body_html: a.bodyHtml,
  };
}

export type AuthorRow = {
  slug: string;
  displayName: string;
  jobTitle: string;
  bio: string;
  bioLanguage: string;
  photoPath: string | null;
  location: string;
  links: { label: string; url: string }[];
};

export function authorJson(origin: string, a: AuthorRow) {
  return {
    slug: a.slug,
    name: a.displayName,
    job_title: a.jobTitle,
    bio: a.bio,
    bio_language: a.bioLanguage,
    photo_url: a.photoPath ? abs(origin, a.photoPath) : null,
    location: a.location,
    links: a.links.map((l) => ({ label: l.label, url: l.url })),
    url: abs(origin, `/authors/${a.slug}`),
  };
}

export { date as isoDate };
