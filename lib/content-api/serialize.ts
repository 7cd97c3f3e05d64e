import type { FeaturedImage, TagSnapshot } from "@/db/schema";

/*
 * The API's JSON shapes (snake_case, absolute URLs, ISO dates), the same as
 * /api/v1/openapi.json describes. Plain functions of rows already read through the public queries.
 */

export type Byline = { articleId: string; slug: string; displayName: string; jobTitle: string };
type Section = { name: string | null; slug: string | null } | null;

const abs = (origin: string, path: string) => new URL(path, `${origin}/`).toString();
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

export function articleSummaryJson(origin: string, a: ArticleRow, bylines: Byline[]) {
  return {
    id: a.id,
    slug: a.slug,
    url: abs(origin, `/articles/${a.slug}`),
    headline: a.headline,
    dek: a.dek,
    language: a.language,
    section: sectionJson(origin, a.section),
    tags: a.tags.map((t) => tagJson(origin, t)),
    authors: bylines.filter((b) => b.articleId === a.id).map((b) => bylineJson(origin, b)),
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
