import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import Link from "next/link";

import { DataTable } from "@/components/newsroom/data-table";
import { getDb } from "@/db";
import { requirePower } from "@/lib/auth/guards";
import { newsroomLocale } from "@/lib/i18n/interface";
import { listTagsWithUsage } from "@/lib/taxonomy/tags";
import { TAGS_PAGE_SIZE } from "@/lib/taxonomy/validation";

import { Announcer } from "./announcer";
import { TagRow } from "./tag-row";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations({ locale: await newsroomLocale(), namespace: "taxonomy.tags" });
  return { title: t("title") };
}

type Props = { searchParams: Promise<{ q?: string | string[]; page?: string | string[] }> };

const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) ?? "";

export default async function TagsPage({ searchParams }: Props) {
  await requirePower("tags:manage", "/newsroom/tags");
  const params = await searchParams;
  const query = one(params.q).slice(0, 100);
  const page = Math.max(1, Math.min(10_000, Number.parseInt(one(params.page), 10) || 1));
  const { rows, total } = await listTagsWithUsage(await getDb(), { query, page });
  const pages = Math.max(1, Math.ceil(total / TAGS_PAGE_SIZE));
  const t = await getTranslations({ locale: await newsroomLocale(), namespace: "taxonomy.tags" });
  const href = (p: number) => `/newsroom/tags?${new URLSearchParams({ ...(query ? { q: query } : {}), ...(p > 1 ? { page: String(p) } : {}) })}`;
  return (
    <div className="space-y-6">
      <h1 className="font-serif text-3xl font-bold">{t("title")}</h1>
      <p className="text-sm text-neutral-700 dark:text-neutral-300">{t("intro")}</p>
      <search>
        <form method="get" action="/newsroom/tags" className="flex flex-wrap items-end gap-2">
          <div>
            <label htmlFor="tag-search" className="block text-sm font-medium">
              {t("search")}
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
            {t("searchButton")}
          </button>
        </form>
      </search>
      <p role="status" className="text-sm">
        {t("count", { total })}
        {query ? t("matching", { query }) : ""}
        {pages > 1 ? t("pageOf", { page, pages }) : ""}
      </p>
      <Announcer id="tags-message">
        {rows.length > 0 && (
          <DataTable columns={[t("columns.name"), t("columns.slug"), t("columns.working"), t("columns.published"), t("columns.actions")]}>
            {rows.map((t) => (
              <TagRow key={t.id} tag={t} />
            ))}
          </DataTable>
        )}
      </Announcer>
      {pages > 1 && (
        <nav aria-label={t("pages")} className="flex gap-4">
          {page > 1 && (
            <Link prefetch={false} href={href(page - 1)} rel="prev" className="underline">
              {t("previous")}
            </Link>
          )}
          {page < pages && (
            <Link prefetch={false} href={href(page + 1)} rel="next" className="underline">
              {t("next")}
            </Link>
          )}
        </nav>
      )}
    </div>
  );
}
