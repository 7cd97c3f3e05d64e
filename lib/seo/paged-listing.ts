import "server-only";

import { notFound, permanentRedirect } from "next/navigation";
import { connection } from "next/server";

import { parsePage } from "@/components/public/pagination";
import { getSlugRedirect } from "@/lib/cache/public-data";

import { slugParam } from "./slug-param";

/**
 * The shared start of the author, tag and section pages: a malformed slug or page number, an
 * unknown slug, or a page past the end answers 404 before anything is rendered. A tag with no
 * published article does not exist for readers at all (`emptyIsMissing`). An old slug (a tag
 * renamed or merged, an author's former slug) answers a permanent redirect (`movedTo`).
 */
export async function loadPagedListing<T extends { articles: unknown[] }>(
  rawSlug: string,
  rawPage: string | string[] | undefined,
  read: (slug: string, page: number) => Promise<T | null>,
  { emptyIsMissing = false, movedTo }: { emptyIsMissing?: boolean; movedTo?: (slug: string) => Promise<string | null> } = {},
): Promise<T & { page: number }> {
  await connection();
  const slug = slugParam(rawSlug);
  const page = parsePage(rawPage);
  if (!slug || !page) notFound();
  const data = await read(slug, page);
  if (!data && movedTo) {
    const target = await movedTo(slug);
    if (target) permanentRedirect(page > 1 ? `${target}?page=${page}` : target);
  }
  if (!data || ((emptyIsMissing || page > 1) && data.articles.length === 0)) notFound();
  return { ...data, page };
}

/** The redirect lookup for a listing: /tags/<old> → /tags/<current>, /authors/<old> → /authors/<current>. */
export function movedTo(kind: "tag" | "author") {
  return async (slug: string) => {
    const target = await getSlugRedirect(kind, slug);
    return target ? `/${kind === "tag" ? "tags" : "authors"}/${target}` : null;
  };
}
