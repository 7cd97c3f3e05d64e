import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { connection } from "next/server";

import { Pagination, parsePage } from "@/components/public/pagination";
import { SearchForm } from "@/components/public/search-form";
import { PAGE_SIZE } from "@/db/queries/public";
import { searchArticles } from "@/lib/cache/public-data";
import { dirAttr, formatDate, langAttr } from "@/lib/i18n/dictionaries";
import { siteDictionary, siteTimeZone } from "@/lib/i18n/site";
import { normalizeSearchQuery, snippetParts } from "@/lib/search/query";

type Props = { searchParams: Promise<{ q?: string | string[]; page?: string | string[] }> };

export async function generateMetadata(): Promise<Metadata> {
  // Result pages are endless and personal to a query: not for search engines.
  return { title: (await siteDictionary()).searchTitle, robots: { index: false, follow: true } };
}

export default async function SearchPage({ searchParams }: Props) {
  await connection();
  const sp = await searchParams;
  const [dict, timeZone] = await Promise.all([siteDictionary(), siteTimeZone()]);
  const q = normalizeSearchQuery(Array.isArray(sp.q) ? sp.q[0] : sp.q);
  const page = parsePage(sp.page);
  if (!page) notFound();
  const { total, capped, hits } = q ? await searchArticles(q, page) : { total: 0, capped: false, hits: [] };
  // Past the last page is no page, as on tag, section and author pages (not "nothing matches").
  if (page > 1 && hits.length === 0) notFound();
  return (
    <div className="mx-auto max-w-3xl">
      <h1 className="font-serif text-4xl font-bold">{dict.searchTitle}</h1>
      <SearchForm dict={dict} id="search-q" name={dict.searchTitle} defaultValue={q} describedBy="search-tips" />
      <p id="search-tips" className="mt-2 text-sm text-neutral-700 dark:text-neutral-300">
        {dict.searchTips}
      </p>
      <div aria-live="polite" className="mt-8">
        {!q ? (
          <p>{dict.searchPrompt}</p>
        ) : hits.length === 0 ? (
          <p>{dict.searchNoResults(q)}</p>
        ) : (
          <>
            <h2 className="mb-4 text-lg font-semibold">{dict.searchResultsFor(q, total, capped)}</h2>
            <ol className="divide-y divide-neutral-300 dark:divide-neutral-700">
              {hits.map((hit) => (
                <li key={hit.id} lang={langAttr(hit.language)} dir={dirAttr(hit.language)} className="py-5">
                  <h3 className="font-serif text-xl font-bold">
                    <Link prefetch={false} href={`/articles/${hit.slug}`} className="hover:underline">
                      <Marked text={hit.headlineMarked} />
                    </Link>
                  </h3>
                  <p className="mt-1 text-neutral-800 dark:text-neutral-200">
                    <Marked text={hit.snippet} />
                  </p>
                  <p className="mt-1 text-sm text-neutral-700 dark:text-neutral-300">
                    <time dateTime={hit.firstPublishedAt}>{formatDate(hit.firstPublishedAt, hit.language, timeZone)}</time>
                  </p>
                </li>
              ))}
            </ol>
            <Pagination dict={dict} basePath="/search" page={page} pages={Math.ceil(total / PAGE_SIZE)} query={{ q }} />
          </>
        )}
      </div>
    </div>
  );
}

/** Text from the search with ts_headline's marks (lib/search/query.ts), as text and <mark>. */
function Marked({ text }: { text: string }) {
  return snippetParts(text).map((part, i) =>
    part.mark ? (
      <mark key={i} className="rounded-sm bg-yellow-200 px-0.5 text-neutral-950 dark:bg-yellow-300">
        {part.text}
      </mark>
    ) : (
      <span key={i}>{part.text}</span>
    ),
  );
}
