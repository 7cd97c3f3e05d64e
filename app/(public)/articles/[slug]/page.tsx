import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { connection } from "next/server";
import { cache } from "react";
import { getDb } from "@/db";
import { getBylines, getCorrections, getPublishedArticleBySlug } from "@/db/queries/public";
import { dictionaryFor, formatDateTime } from "@/lib/i18n/dictionaries";

const getArticle = cache(async (slug: string) => {
  const db = await getDb();
  const article = await getPublishedArticleBySlug({ db, slug: decodeURIComponent(slug) });
  if (!article) return null;
  const [authors, fixes] = await Promise.all([getBylines({ db, articleIds: [article.id] }), getCorrections({ db, articleId: article.id })]);
  return { ...article, authors, corrections: fixes };
});

type Props = { params: Promise<{ slug: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  await connection();
  const article = await getArticle((await params).slug);
  if (!article) return {};
  return { title: article.revision.headline, description: article.revision.dek || undefined };
}

export default async function ArticlePage({ params }: Props) {
  await connection();
  const article = await getArticle((await params).slug);
  if (!article) notFound();
  const { revision: r } = article;
  const dict = dictionaryFor(r.language);
  return (
    <article lang={r.language} className="mx-auto max-w-3xl">
      <header className="mb-6">
        {article.section?.slug && (
          <p className="text-sm font-semibold uppercase tracking-wide text-[var(--color-accent)] dark:text-red-300">
            <Link href={`/sections/${article.section.slug}`}>{article.section.name}</Link>
          </p>
        )}
        <h1 className="mt-1 font-serif text-3xl font-bold leading-tight sm:text-5xl">{r.headline}</h1>
        {r.dek && <p className="mt-4 text-xl text-neutral-700 dark:text-neutral-300">{r.dek}</p>}
        <p className="mt-4 text-sm text-neutral-700 dark:text-neutral-300">
          {dict.by}{" "}
          {article.authors.map((a, i) => (
            <span key={a.slug}>
              {i > 0 && (i === article.authors.length - 1 ? ` ${dict.and} ` : ", ")}
              <Link href={`/authors/${a.slug}`} className="font-semibold underline" rel="author">
                {a.displayName}
              </Link>
            </span>
          ))}
        </p>
        <p className="mt-1 text-sm text-neutral-600 dark:text-neutral-400">
          {article.firstPublishedAt && (
            <>
              {dict.published} <time dateTime={article.firstPublishedAt.toISOString()}>{formatDateTime(article.firstPublishedAt, r.language)}</time>
            </>
          )}
          {article.publishedUpdatedAt && article.firstPublishedAt && article.publishedUpdatedAt > article.firstPublishedAt && (
            <>
              {" · "}
              {dict.updated} <time dateTime={article.publishedUpdatedAt.toISOString()}>{formatDateTime(article.publishedUpdatedAt, r.language)}</time>
            </>
          )}
        </p>
      </header>

      {r.highlights.length > 0 && (
        <aside aria-labelledby="key-points" className="mb-8 rounded border-l-4 border-[var(--color-accent)] bg-neutral-100 p-4 dark:bg-neutral-900">
          <h2 id="key-points" className="mb-2 font-serif text-lg font-bold">
            {dict.keyPoints}
          </h2>
          <ul className="list-disc space-y-1 pl-5">
            {r.highlights.map((h, i) => (
              <li key={i}>{h}</li>
            ))}
          </ul>
        </aside>
      )}

      {/* Rendered on the server from validated Tiptap JSON by the editor's own schema: text is escaped, attributes allow-listed. */}
      <div className="prose prose-lg max-w-none font-serif dark:prose-invert" dangerouslySetInnerHTML={{ __html: r.bodyHtml }} />

      {r.tags.length > 0 && (
        <section aria-labelledby="tags-heading" className="mt-8">
          <h2 id="tags-heading" className="sr-only">
            {dict.tags}
          </h2>
          <ul className="flex flex-wrap gap-2">
            {r.tags.map((t) => (
              <li key={t.id}>
                <Link href={`/tags/${t.slug}`} className="inline-block rounded-full border border-neutral-400 px-3 py-1 text-sm hover:bg-neutral-100 dark:hover:bg-neutral-800">
                  #{t.name}
                </Link>
              </li>
            ))}
          </ul>
        </section>
      )}

      {article.corrections.length > 0 && (
        <section aria-labelledby="corrections-heading" className="mt-8 border-t border-neutral-300 pt-4 dark:border-neutral-700">
          <h2 id="corrections-heading" className="font-serif text-lg font-bold">
            {dict.corrections}
          </h2>
          <ul className="mt-2 space-y-2 text-sm">
            {article.corrections.map((c) => (
              <li key={c.id}>
                <time dateTime={c.createdAt.toISOString()}>{formatDateTime(c.createdAt, r.language)}</time> — {c.note}
              </li>
            ))}
          </ul>
        </section>
      )}

      <section aria-labelledby="authors-heading" className="mt-10 border-t border-neutral-300 pt-6 dark:border-neutral-700">
        <h2 id="authors-heading" className="font-serif text-lg font-bold">
          {dict.aboutAuthors}
        </h2>
        {article.authors.map((a) => (
          <div key={a.slug} className="mt-4">
            <p className="font-semibold">
              <Link href={`/authors/${a.slug}`} className="underline">
                {a.displayName}
              </Link>
              {a.jobTitle && <span className="font-normal text-neutral-600 dark:text-neutral-400"> — {a.jobTitle}</span>}
            </p>
            <div lang={a.bioLanguage} className="mt-1 space-y-2 text-neutral-700 dark:text-neutral-300">
              {a.bio.split(/\n{2,}/).map((p, i) => (
                <p key={i}>{p}</p>
              ))}
            </div>
          </div>
        ))}
      </section>
    </article>
  );
}
