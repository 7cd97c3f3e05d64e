import Link from "next/link";

import { SiteHeader } from "@/components/public/site-header";
import { getNavSections } from "@/lib/cache/public-data";
import { dictionaryFor } from "@/lib/i18n/dictionaries";
import { siteLanguage, siteTimeZone } from "@/lib/i18n/site";

/**
 * What frames every reader's page: the site header with its sections, the main landmark and the
 * footer. The public layout draws it, and so does the site-wide 404 (app/not-found.tsx), which
 * sits outside that layout. A word longer than the line (a long hashtag, a pasted address, a
 * query echoed back) wraps where it must instead of widening the page past a phone's screen.
 */
export async function PublicChrome({ children }: { children: React.ReactNode }) {
  const [language, timeZone, sections] = await Promise.all([siteLanguage(), siteTimeZone(), getNavSections()]);
  const dict = dictionaryFor(language);
  return (
    <>
      <SiteHeader language={language} timeZone={timeZone} dict={dict} sections={sections} />
      <main id="main" tabIndex={-1} className="mx-auto w-full max-w-6xl px-4 py-8 [overflow-wrap:anywhere] focus:outline-none sm:px-6">
        {children}
      </main>
      <footer className="no-print mt-12 border-t border-neutral-300 py-8 text-sm text-neutral-700 dark:border-neutral-700 dark:text-neutral-300">
        <div className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-4 px-4 sm:px-6">
          <p>{dict.footer}</p>
          <ul className="flex flex-wrap gap-x-6 gap-y-2">
            <li>
              <a href="/feed.xml" className="underline underline-offset-2" type="application/rss+xml">
                {dict.feed}
              </a>
            </li>
            <li>
              <Link prefetch={false} href="/search" className="underline underline-offset-2">
                {dict.search}
              </Link>
            </li>
            <li>
              <Link prefetch={false} href="/newsroom" className="underline underline-offset-2">
                {dict.newsroom}
              </Link>
            </li>
          </ul>
        </div>
      </footer>
    </>
  );
}
