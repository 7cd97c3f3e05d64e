import "server-only";

import { notFound, permanentRedirect } from "next/navigation";
import { connection } from "next/server";

import { parsePage } from "@/components/public/pagination";
import { getSlugRedirect } from "@/lib/cache/public-data";
import { slugify } from "@/lib/slug";

import { decodePathSegment } from "./path-segment.mjs";
import { slugParam } from "./slug-param";

/**
 * The shared start of the author, tag and section pages: a malformed slug or page number, an
 * unknown slug, or a page past the end answers 404 before anything is rendered. A tag with no
 * published article does not exist for readers at all (`emptyIsMissing`). An old slug (a tag
 * renamed or merged, an author's former slug) answers a permanent redirect (`movedTo`), and so
 * does a name typed where its slug goes (to the folded slug).
 */
export async function loadPagedListing<T extends { articles: unknown[] }>(
  rawSlug: string,
  rawPage: string | string[] | undefined,
  read: (slug: string, page: number) => Promise<T | null>,
  {
    emptyIsMissing = false,
    movedTo,
    base,
  }: {
    emptyIsMissing?: boolean;
    movedTo?: (slug: string) => Promise<string | null>;
    /** The listing's path without the slug ("/tags"): a name typed for the slug is sent to its folded slug there. */
    base?: string;
  } = {},
): Promise<T & { page: number }> {
  await connection();
  const slug = slugParam(rawSlug);
  const page = parsePage(rawPage);
  if (!page) notFound();
  if (!slug) {
    // A name typed where its slug goes (/tags/APT41, /tags/Cybersécurité, /authors/Claire-Martin):
    // slugs are folded, so the folded address is the page, if there is one.
    const folded = base ? foldedSlug(rawSlug) : null;
    if (folded) permanentRedirect(`${base}/${folded}${page > 1 ? `?page=${page}` : ""}`);
    notFound();
  }
  const data = await read(slug, page);
  if (!data && movedTo) {
    const target = await movedTo(slug);
    if (target) permanentRedirect(page > 1 ? `${target}?page=${page}` : target);
  }
  if (!data || ((emptyIsMissing || page > 1) && data.articles.length === 0)) notFound();
  return { ...data, page };
}

/** The segment's slug when it is not one already (case, accents, spaces), else null; encoded for a path. */
export function foldedSlug(rawSlug: string): string | null {
  const decoded = decodePathSegment(rawSlug);
  const folded = decoded ? slugify(decoded) : "";
  return folded && folded !== decoded && slugParam(folded) ? encodeURIComponent(folded) : null;
}

/** The redirect lookup for a listing: /tags/<old> → /tags/<current>, /authors/<old> → /authors/<current>. */
export function movedTo(kind: "tag" | "author") {
  return async (slug: string) => {
    const target = await getSlugRedirect(kind, slug);
    return target ? `/${kind === "tag" ? "tags" : "authors"}/${target}` : null;
  };
}
