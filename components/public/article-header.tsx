import Link from "next/link";

import { formatDateTime, type Dictionary } from "@/lib/i18n/dictionaries";

export type ArticleHeaderProps = {
  dict: Dictionary;
  language: string;
  /** The newsroom's time zone (site setting). */
  timeZone: string;
  headline: string;
  dek: string;
  section: { name: string | null; slug: string | null } | null;
  authors: { slug: string; displayName: string }[];
  firstPublishedAt: string | null;
  publishedUpdatedAt: string | null;
};

export function ArticleHeader({ dict, language, timeZone, headline, dek, section, authors, firstPublishedAt, publishedUpdatedAt }: ArticleHeaderProps) {
  const updated = publishedUpdatedAt && firstPublishedAt && Date.parse(publishedUpdatedAt) > Date.parse(firstPublishedAt) ? publishedUpdatedAt : null;
  return (
    <header className="mb-8">
      {section?.slug && (
        <p className="text-sm font-semibold uppercase tracking-wider text-accent dark:text-red-300">
          <Link href={`/sections/${section.slug}`} className="hover:underline">
            {section.name}
          </Link>
        </p>
      )}
      <h1 className="mt-2 font-serif text-3xl leading-tight font-bold text-balance sm:text-5xl">{headline}</h1>
      {dek && <p className="mt-4 font-serif text-xl leading-relaxed text-neutral-700 sm:text-2xl dark:text-neutral-300">{dek}</p>}
      <div className="mt-6 border-y border-neutral-300 py-3 text-sm dark:border-neutral-700">
        <p>
          {dict.by}{" "}
          {authors.map((a, i) => (
            <span key={a.slug}>
              {i > 0 && (i === authors.length - 1 ? ` ${dict.and} ` : ", ")}
              <Link href={`/authors/${a.slug}`} rel="author" className="font-semibold underline underline-offset-2">
                {a.displayName}
              </Link>
            </span>
          ))}
        </p>
        <p className="mt-1 text-neutral-700 dark:text-neutral-300">
          {firstPublishedAt && (
            <>
              {dict.published} <time dateTime={firstPublishedAt}>{formatDateTime(firstPublishedAt, language, timeZone)}</time>
            </>
          )}
          {updated && (
            <>
              {" · "}
              {dict.updated} <time dateTime={updated}>{formatDateTime(updated, language, timeZone)}</time>
            </>
          )}
        </p>
      </div>
    </header>
  );
}
