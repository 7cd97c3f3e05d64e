import "server-only";
import { notFound } from "next/navigation";
import { connection } from "next/server";
import { parsePage } from "@/components/public/pagination";
import { slugParam } from "./slug-param";

/**
 * The shared start of the author, tag and section pages: a malformed slug or page number, an
 * unknown slug, or a page past the end answers 404 before anything is rendered. A tag with no
 * published article does not exist for readers at all (`emptyIsMissing`).
 */
export async function loadPagedListing<T extends { articles: unknown[] }>(
  rawSlug: string,
  rawPage: string | string[] | undefined,
  read: (slug: string, page: number) => Promise<T | null>,
  { emptyIsMissing = false }: { emptyIsMissing?: boolean } = {},
): Promise<T & { page: number }> {
  await connection();
  const slug = slugParam(rawSlug);
  const page = parsePage(rawPage);
  if (!slug || !page) notFound();
  const data = await read(slug, page);
  if (!data || ((emptyIsMissing || page > 1) && data.articles.length === 0)) notFound();
  return { ...data, page };
}
