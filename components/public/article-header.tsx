import Link from "next/link";

import { Picture } from "@/components/public/picture";
import { formatDateTime, type Dictionary } from "@/lib/i18n/dictionaries";

export type ArticleHeaderProps = {
  dict: Dictionary;
  language: string;
  /** The newsroom's time zone (site setting). */
  timeZone: string;
  headline: string;
  dek: string;
  section: { name: string | null; slug: string | null } | null;
  authors: { slug: string; displayName: string; photoPath?: string | null }[];
  firstPublishedAt: string | null;
  publishedUpdatedAt: string | null;
  /** Minutes to read the body. */
  readingMinutes?: number;
  /** How many corrections the article carries: the "Updated" label then links to their list. */
  corrections?: number;
};

export function ArticleHeader({
  dict,
  language,
  timeZone,
  headline,
  dek,
  section,
  authors,
  firstPublishedAt,
  publishedUpdatedAt,
  readingMinutes,
  corrections = 0,
}: ArticleHeaderProps) {
  const updated = publishedUpdatedAt && firstPublishedAt && Date.parse(publishedUpdatedAt) > Date.parse(firstPublishedAt) ? publishedUpdatedAt : null;
  return (
    <header className="mb-8">
      {section?.slug && (
        <p className="text-sm font-semibold uppercase tracking-wider text-accent dark:text-red-300">
          <Link prefetch={false} href={`/sections/${section.slug}`} className="hover:underline">
            {section.name}
          </Link>
        </p>
      )}
      {updated && (
        <p className="mt-2">
          {corrections > 0 ? (
            <a href="#corrections-heading" className={UPDATED_LABEL}>
              {dict.updatedLabel} · {dict.corrections} ({corrections})
            </a>
          ) : (
            <span className={UPDATED_LABEL}>{dict.updatedLabel}</span>
          )}
        </p>
      )}
      <h1 className="mt-2 font-serif text-3xl leading-tight font-bold text-balance [overflow-wrap:anywhere] sm:text-5xl">{headline}</h1>
      {dek && <p className="mt-4 font-serif text-xl leading-relaxed text-neutral-700 sm:text-2xl dark:text-neutral-300">{dek}</p>}
      <div className="mt-6 border-y border-neutral-300 py-3 text-sm dark:border-neutral-700">
        <div className="flex flex-wrap items-center gap-x-1 gap-y-2">
          {authors.some((a) => a.photoPath) && (
            <span className="me-2 flex -space-x-2">
              {authors
                .filter((a) => a.photoPath)
                .map((a) => (
                  <Picture
                    key={a.slug}
                    src={a.photoPath!}
                    alt=""
                    sizes="40px"
                    width={40}
                    height={40}
                    className="size-10 rounded-full border-2 border-white object-cover dark:border-neutral-950"
                  />
                ))}
            </span>
          )}
          <p>
            {dict.by}{" "}
            {authors.map((a, i) => (
              <span key={a.slug}>
                {i > 0 && (i === authors.length - 1 ? ` ${dict.and} ` : ", ")}
                <Link prefetch={false} href={`/authors/${a.slug}`} rel="author" className="font-semibold underline underline-offset-2">
                  {a.displayName}
                </Link>
              </span>
            ))}
          </p>
        </div>
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
          {readingMinutes !== undefined && (
            <>
              {" · "}
              <span>{dict.readingTime(readingMinutes)}</span>
            </>
          )}
        </p>
      </div>
    </header>
  );
}

const UPDATED_LABEL =
  "inline-block rounded bg-amber-100 px-2 py-0.5 text-xs font-bold uppercase tracking-wider text-amber-900 dark:bg-amber-900 dark:text-amber-100";
