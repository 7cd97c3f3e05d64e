import Link from "next/link";

import type { Dictionary } from "@/lib/i18n/dictionaries";

export type PaginationProps = { dict: Dictionary; basePath: string; page: number; pages: number; query?: Record<string, string> };

export function Pagination({ dict, basePath, page, pages, query = {} }: PaginationProps) {
  if (pages <= 1) return null;
  const href = (p: number) => {
    const params = new URLSearchParams(query);
    if (p > 1) params.set("page", String(p));
    const qs = params.toString();
    return qs ? `${basePath}?${qs}` : basePath;
  };
  const link = "rounded border border-neutral-400 px-3 py-1 hover:bg-neutral-100 dark:border-neutral-600 dark:hover:bg-neutral-800";
  return (
    <nav aria-label={dict.pagination} className="mt-10 flex flex-wrap items-center justify-between gap-4 text-sm">
      {page > 1 ? (
        <Link prefetch={false} href={href(page - 1)} rel="prev" className={link}>
          ← {dict.previous}
        </Link>
      ) : (
        <span />
      )}
      <p aria-current="page">{dict.pageNumber(page, pages)}</p>
      {page < pages ? (
        <Link prefetch={false} href={href(page + 1)} rel="next" className={link}>
          {dict.next} →
        </Link>
      ) : (
        <span />
      )}
    </nav>
  );
}

/** The page number from ?page=, or null when it is not a positive integer. */
export function parsePage(raw: string | string[] | undefined): number | null {
  if (raw === undefined) return 1;
  if (typeof raw !== "string" || !/^[1-9][0-9]{0,5}$/.test(raw)) return null;
  return Number(raw);
}
