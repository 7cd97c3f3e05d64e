import Link from "next/link";

import { ArticleCard, type CardData } from "@/components/public/article-card";
import { ArticleHeader } from "@/components/public/article-header";
import { AuthorCard } from "@/components/public/author-card";
import type { FeaturedImage, SeoFields, TagSnapshot } from "@/db/schema";
import { dictionaryFor, formatDate, langAttr } from "@/lib/i18n/dictionaries";
import { resolveArticleSeo } from "@/lib/seo/article-seo";
import { newsArticleJsonLd, serializeJsonLd } from "@/lib/seo/json-ld";
import { absolute } from "@/lib/seo/site-url";

/**
 * Everything the reader's article page shows, whatever it comes from: the live revision (the
 * public page) or a version not yet published (the newsroom preview, a shared preview). One
 * shape and one component, so a preview cannot drift from what readers will get.
 */
export type ArticleViewModel = {
  slug: string;
  firstPublishedAt: string | null;
  publishedUpdatedAt: string | null;
  section: { name: string | null; slug: string | null } | null;
  authors: { slug: string; displayName: string; jobTitle: string; bio: string; bioLanguage: string; photoPath: string | null }[];
  corrections: { id: number; note: string; createdAt: string }[];
  related: CardData[];
  revision: {
    headline: string;
    dek: string;
    highlights: string[];
    bodyHtml: string;
    tags: TagSnapshot[];
    language: string;
    featuredImage: FeaturedImage | null;
    seo?: SeoFields;
  };
};

/** The NewsArticle description of the page; a preview dates an unpublished article as of now. */
export function articleJsonLd(article: ArticleViewModel, origin: string, now: string) {
  const r = article.revision;
  const seo = resolveArticleSeo(r);
  return newsArticleJsonLd({
    url: absolute(origin, `/articles/${article.slug}`),
    // The headline as search engines should show it (Google cuts NewsArticle headlines at 110 characters).
    headline: seo.title,
    description: seo.description,
    datePublished: article.firstPublishedAt ?? now,
    dateModified: article.publishedUpdatedAt ?? article.firstPublishedAt ?? now,
    language: r.language,
    keywords: r.tags.map((t) => t.name),
    image: seo.image ? absolute(origin, seo.image.src) : null,
    section: article.section?.name ?? undefined,
    authors: article.authors.map((a) => ({ name: a.displayName, url: absolute(origin, `/authors/${a.slug}`) })),
    publisher: { name: "Newsroom", url: absolute(origin, "/") },
    basedOn: seo.canonicalUrl,
  });
}

export function ArticleView({ article, jsonLd, timeZone }: { article: ArticleViewModel; jsonLd: object; timeZone: string }) {
  const r = article.revision;
  const dict = dictionaryFor(r.language);
  const image = r.featuredImage;
  return (
    <article lang={langAttr(r.language)} className="mx-auto max-w-3xl">
      <script type="application/ld+json" dangerouslySetInnerHTML={{ __html: serializeJsonLd(jsonLd) }} />
      <ArticleHeader
        dict={dict}
        language={r.language}
        timeZone={timeZone}
        headline={r.headline}
        dek={r.dek}
        section={article.section}
        authors={article.authors}
        firstPublishedAt={article.firstPublishedAt}
        publishedUpdatedAt={article.publishedUpdatedAt}
      />
      {image?.src && (
        <figure className="article-figure -mx-4 mb-8 sm:mx-0">
          {/* eslint-disable-next-line @next/next/no-img-element -- uploads are already resized WebP */}
          <img src={image.src} alt={image.alt} fetchPriority="high" className="aspect-auto w-full sm:rounded" />
          {(image.caption || image.credit) && (
            <figcaption className="mt-2 px-4 text-sm text-neutral-700 sm:px-0 dark:text-neutral-300">
              {image.caption}
              {image.credit && (
                <span className="credit">
                  {dict.imageCredit} : {image.credit}
                </span>
              )}
            </figcaption>
          )}
        </figure>
      )}
      {r.highlights.length > 0 && (
        <aside aria-labelledby="key-points" className="mb-8 border-l-4 border-accent bg-neutral-100 p-5 dark:border-red-400 dark:bg-neutral-900">
          <h2 id="key-points" className="mb-3 font-serif text-xl font-bold">
            {dict.keyPoints}
          </h2>
          <ul className="list-disc space-y-2 pl-5">
            {r.highlights.map((h, i) => (
              <li key={i}>{h}</li>
            ))}
          </ul>
        </aside>
      )}
      {/* Rendered on the server from validated Tiptap JSON by the editor's own schema: text is escaped, attributes allow-listed. */}
      <div
        className="article-body prose prose-lg max-w-none font-serif prose-neutral dark:prose-invert prose-a:text-accent dark:prose-a:text-red-300"
        dangerouslySetInnerHTML={{ __html: r.bodyHtml }}
      />
      {r.tags.length > 0 && (
        <section aria-labelledby="tags-heading" className="mt-10">
          <h2 id="tags-heading" className="mb-3 text-sm font-bold uppercase tracking-wider">
            {dict.tags}
          </h2>
          <ul className="flex flex-wrap gap-2">
            {r.tags.map((t) => (
              <li key={t.id}>
                <Link
                  href={`/tags/${t.slug}`}
                  className="inline-block rounded-full border border-neutral-500 px-3 py-1 text-sm hover:bg-neutral-100 dark:hover:bg-neutral-800"
                >
                  #{t.name}
                </Link>
              </li>
            ))}
          </ul>
        </section>
      )}
      {article.corrections.length > 0 && (
        <section aria-labelledby="corrections-heading" className="mt-10 border-t border-neutral-300 pt-4 dark:border-neutral-700">
          <h2 id="corrections-heading" className="font-serif text-xl font-bold">
            {dict.corrections}
          </h2>
          <ul className="mt-3 space-y-2">
            {article.corrections.map((c) => (
              <li key={c.id}>
                <strong>
                  {dict.correctionOn} <time dateTime={c.createdAt}>{formatDate(c.createdAt, r.language, timeZone)}</time>
                </strong>{" "}
                — {c.note}
              </li>
            ))}
          </ul>
        </section>
      )}
      <section aria-labelledby="authors-heading" className="mt-10 space-y-6 border-t border-neutral-300 pt-6 dark:border-neutral-700">
        <h2 id="authors-heading" className="font-serif text-xl font-bold">
          {dict.aboutAuthors}
        </h2>
        {article.authors.map((a) => (
          <AuthorCard key={a.slug} author={a} photoAlt={dict.photoOf(a.displayName)} />
        ))}
      </section>
      {article.related.length > 0 && (
        <section aria-labelledby="related-heading" className="no-print mt-12 border-t-2 border-neutral-900 pt-4 dark:border-neutral-200">
          <h2 id="related-heading" className="mb-6 font-serif text-2xl font-bold">
            {dict.related}
          </h2>
          <ul className="grid gap-8 sm:grid-cols-2">
            {article.related.map((a) => (
              <li key={a.id}>
                <ArticleCard article={a} headingLevel="h3" variant="compact" />
              </li>
            ))}
          </ul>
        </section>
      )}
    </article>
  );
}
