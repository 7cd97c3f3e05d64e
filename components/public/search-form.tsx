import type { Dictionary } from "@/lib/i18n/dictionaries";

/** The search box of the search page and of the 404 (the header has its own, compact one). */
export function SearchForm({
  dict,
  id,
  name,
  defaultValue,
  describedBy,
}: {
  dict: Dictionary;
  /** The input's id, unique on the page. */
  id: string;
  /** The search landmark's accessible name. */
  name: string;
  defaultValue?: string;
  describedBy?: string;
}) {
  return (
    <form action="/search" method="get" role="search" aria-label={name} className="mt-6 flex flex-wrap items-end gap-3">
      <div className="flex min-w-0 flex-1 flex-col gap-1">
        <label htmlFor={id} className="text-sm font-semibold">
          {dict.searchLabel}
        </label>
        <input
          id={id}
          name="q"
          type="search"
          defaultValue={defaultValue}
          maxLength={200}
          aria-describedby={describedBy}
          className="rounded border border-neutral-500 bg-transparent px-3 py-2 text-lg"
        />
      </div>
      <button
        type="submit"
        className="rounded bg-neutral-900 px-5 py-2 text-lg font-medium text-white hover:bg-neutral-700 dark:bg-neutral-100 dark:text-neutral-900"
      >
        {dict.search}
      </button>
    </form>
  );
}
