import type { Metadata } from "next";
import Link from "next/link";

import { DataTable } from "@/components/newsroom/data-table";
import { getDb } from "@/db";
import { requirePower } from "@/lib/auth/guards";
import { listTagsWithUsage } from "@/lib/taxonomy/tags";
import { TAGS_PAGE_SIZE } from "@/lib/taxonomy/validation";

import { Announcer } from "./announcer";
import { TagRow } from "./tag-row";

export const metadata: Metadata = { title: "Tags" };

type Props = { searchParams: Promise<{ q?: string | string[]; page?: string | string[] }> };

const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) ?? "";

export default async function TagsPage({ searchParams }: Props) {
  await requirePower("tags:manage", "/newsroom/tags");
  const params = await searchParams;
  const query = one(params.q).slice(0, 100);
  const page = Math.max(1, Math.min(10_000, Number.parseInt(one(params.page), 10) || 1));
  const { rows, total } = await listTagsWithUsage(await getDb(), { query, page });
  const pages = Math.max(1, Math.ceil(total / TAGS_PAGE_SIZE));
  const href = (p: number) => `/newsroom/tags?${new URLSearchParams({ ...(query ? { q: query } : {}), ...(p > 1 ? { page: String(p) } : {}) })}`;
  return (
    <div className="space-y-6">
      <h1 className="font-serif text-3xl font-bold">Tags</h1>
      <p className="text-sm text-neutral-700 dark:text-neutral-300">
        Tags are created by typing them in articles. Renaming changes the tag’s address (/tags/…). Merging moves every article onto the other tag and deletes
        this one. Only a tag no article uses can be deleted.
      </p>
      <search>
        <form method="get" action="/newsroom/tags" className="flex flex-wrap items-end gap-2">
          <div>
            <label htmlFor="tag-search" className="block text-sm font-medium">
              Search tags
            </label>
            <input
              id="tag-search"
              type="search"
              name="q"
              defaultValue={query}
              className="mt-1 w-64 rounded border border-neutral-500 bg-transparent px-3 py-2"
            />
          </div>
          <button type="submit" className="rounded bg-neutral-900 px-4 py-2 font-medium text-white dark:bg-neutral-100 dark:text-neutral-900">
            Search
          </button>
        </form>
      </search>
      <p role="status" className="text-sm">
        {total} tag{total === 1 ? "" : "s"}
        {query ? ` matching “${query}”` : ""}
        {pages > 1 ? ` — page ${page} of ${pages}` : ""}
      </p>
      <Announcer id="tags-message">
        {rows.length > 0 && (
          <DataTable columns={["Name", "Slug", "Working copies", "Published", "Actions"]}>
            {rows.map((t) => (
              <TagRow key={t.id} tag={t} />
            ))}
          </DataTable>
        )}
      </Announcer>
      {pages > 1 && (
        <nav aria-label="Tag pages" className="flex gap-4">
          {page > 1 && (
            <Link href={href(page - 1)} rel="prev" className="underline">
              Previous page
            </Link>
          )}
          {page < pages && (
            <Link href={href(page + 1)} rel="next" className="underline">
              Next page
            </Link>
          )}
        </nav>
      )}
    </div>
  );
}
