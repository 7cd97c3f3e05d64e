import Link from "next/link";

import { formatFullDate, type Dictionary } from "@/lib/i18n/dictionaries";

/** The masthead: the newspaper's name, the same in every language. */
const SITE_NAME = "Newsroom";

export type SiteHeaderProps = { language: string; timeZone: string; dict: Dictionary; sections: { name: string; slug: string }[] };

export function SiteHeader({ language, timeZone, dict, sections }: SiteHeaderProps) {
  const today = formatFullDate(new Date(), language, timeZone);
  return (
    <header className="border-b-4 border-double border-neutral-900 dark:border-neutral-200">
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:px-4 focus:py-2 focus:text-black focus:shadow-lg"
      >
        {dict.skipToContent}
      </a>
      <div className="mx-auto flex max-w-6xl flex-col items-center gap-3 px-4 pt-6 pb-4 sm:px-6 md:flex-row md:items-end md:justify-between">
        <p className="order-2 text-sm text-neutral-700 first-letter:uppercase md:order-1 md:w-1/3 dark:text-neutral-300">{today}</p>
        <div className="order-1 text-center md:order-2 md:w-1/3">
          <Link prefetch={false} href="/" className="font-serif text-4xl font-black tracking-tight sm:text-5xl">
            {SITE_NAME}
          </Link>
          <p className="mt-1 text-sm text-neutral-700 dark:text-neutral-300">{dict.siteTagline}</p>
        </div>
        <form
          action="/search"
          method="get"
          role="search"
          aria-label={dict.searchLabel}
          className="no-print order-3 flex w-full max-w-xs gap-2 md:w-1/3 md:justify-end"
        >
          <label htmlFor="site-search" className="sr-only">
            {dict.searchLabel}
          </label>
          <input
            id="site-search"
            name="q"
            type="search"
            maxLength={200}
            className="min-w-0 flex-1 rounded border border-neutral-500 bg-transparent px-2 py-1 text-sm md:max-w-48"
          />
          <button
            type="submit"
            className="rounded bg-neutral-900 px-3 py-1 text-sm font-medium text-white hover:bg-neutral-700 dark:bg-neutral-100 dark:text-neutral-900 dark:hover:bg-neutral-300"
          >
            {dict.search}
          </button>
        </form>
      </div>
      <nav aria-label={dict.mainNavigation} className="no-print border-t border-neutral-300 dark:border-neutral-700">
        <ul className="mx-auto flex max-w-6xl flex-wrap justify-center gap-x-6 gap-y-1 px-4 py-2 text-sm font-semibold sm:px-6">
          <li>
            <Link prefetch={false} href="/" className="hover:underline">
              {dict.home}
            </Link>
          </li>
          {sections.map((s) => (
            <li key={s.slug}>
              <Link prefetch={false} href={`/sections/${s.slug}`} className="hover:underline">
                {s.name}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
    </header>
  );
}
