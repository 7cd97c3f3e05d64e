import Link from "next/link";
import type { Dictionary } from "@/lib/i18n/dictionaries";

export type SiteHeaderProps = { dict: Dictionary; sections: { name: string; slug: string }[] };

export function SiteHeader({ dict, sections }: SiteHeaderProps) {
  return (
    <header role="banner" className="border-b border-neutral-300 dark:border-neutral-700">
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:bg-white focus:p-2 focus:text-black">
        {dict.skipToContent}
      </a>
      <div className="mx-auto flex max-w-6xl flex-wrap items-end justify-between gap-4 px-4 py-4">
        <div>
          <Link href="/" className="font-serif text-3xl font-bold tracking-tight">
            Newsroom
          </Link>
          <p className="text-sm text-neutral-600 dark:text-neutral-400">{dict.siteTagline}</p>
        </div>
        <form action="/search" method="get" role="search" className="flex gap-2">
          <label htmlFor="site-search" className="sr-only">
            {dict.searchLabel}
          </label>
          <input id="site-search" name="q" type="search" className="w-40 rounded border border-neutral-400 bg-transparent px-2 py-1 text-sm sm:w-56" />
          <button type="submit" className="rounded bg-neutral-900 px-3 py-1 text-sm text-white dark:bg-neutral-100 dark:text-neutral-900">
            {dict.search}
          </button>
        </form>
      </div>
      <nav aria-label={dict.mainNavigation} className="border-t border-neutral-200 dark:border-neutral-800">
        <ul className="mx-auto flex max-w-6xl flex-wrap gap-x-6 gap-y-1 px-4 py-2 text-sm font-medium">
          <li>
            <Link href="/">{dict.home}</Link>
          </li>
          {sections.map((s) => (
            <li key={s.slug}>
              <Link href={`/sections/${s.slug}`}>{s.name}</Link>
            </li>
          ))}
        </ul>
      </nav>
    </header>
  );
}
