import Link from "next/link";

import { SearchForm } from "@/components/public/search-form";
import { getFrontPage } from "@/lib/cache/public-data";
import { siteDictionary } from "@/lib/i18n/site";

/** Five latest headlines, or none when the database cannot answer: a 404 must never become a 500. */
async function latestHeadlines() {
  try {
    const front = await getFrontPage();
    return [front.lead, ...front.secondTier, ...front.latest].filter((a) => a !== null).slice(0, 5);
  } catch {
    return [];
  }
}

/**
 * What a reader who followed a dead link gets: the search box and the latest articles. Drawn by
 * the public 404 (app/(public)/not-found.tsx) and the site-wide one (app/not-found.tsx).
 */
export async function NotFoundView() {
  const [dict, latest] = await Promise.all([siteDictionary(), latestHeadlines()]);
  return (
    <div className="mx-auto max-w-xl py-16">
      <h1 className="text-center font-serif text-4xl font-bold">{dict.notFoundTitle}</h1>
      <p className="mt-4 text-center text-neutral-700 dark:text-neutral-300">{dict.notFoundText}</p>
      <SearchForm dict={dict} id="not-found-q" name={dict.search} />
      {latest.length > 0 && (
        <section aria-labelledby="not-found-latest" className="mt-10">
          <h2 id="not-found-latest" className="font-serif text-2xl font-bold">
            {dict.moreNews}
          </h2>
          <ul className="mt-3 space-y-2">
            {latest.map((a) => (
              <li key={a.id} lang={a.language}>
                <Link prefetch={false} href={`/articles/${a.slug}`} className="underline underline-offset-2">
                  {a.headline}
                </Link>
              </li>
            ))}
          </ul>
        </section>
      )}
      <p className="mt-8 text-center">
        <Link prefetch={false} href="/" className="underline underline-offset-2">
          {dict.backHome}
        </Link>
      </p>
    </div>
  );
}
