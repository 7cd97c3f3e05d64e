import type { Metadata } from "next";
import Link from "next/link";
import { notFound, permanentRedirect } from "next/navigation";
import { connection } from "next/server";
import { cache } from "react";

import { ArticleCard } from "@/components/public/article-card";
import { ArticleHeader } from "@/components/public/article-header";
import { AuthorCard } from "@/components/public/author-card";
import { getArticlePage } from "@/lib/cache/public-data";
import { dictionaryFor, formatDate, langAttr } from "@/lib/i18n/dictionaries";
import { siteTimeZone } from "@/lib/i18n/site";
import { resolveArticleSeo } from "@/lib/seo/article-seo";
import { newsArticleJsonLd, serializeJsonLd } from "@/lib/seo/json-ld";
import { ogLocale } from "@/lib/seo/og-locale";
import { absolute, siteOrigin } from "@/lib/seo/site-url";
import { slugParam } from "@/lib/seo/slug-param";

type Props = { params: Promise<{ slug: string }> };

/** Shared by the page and its metadata; unknown, unpublished or malformed slugs are 404. */
const load = cache(async (raw: string) => {
  await connection();
  const slug = slugParam(raw);
  if (!slug) notFound();
  const { article, redirectTo } = await getArticlePage(slug);
  if (redirectTo) permanentRedirect(`/articles/${redirectTo}`);
  if (!article) notFound();
  return article;
});

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const article = await load((await params).slug);
  const origin = await siteOrigin();
  const r = article.revision;
  const url = absolute(origin, `/articles/${article.slug}`);
  // The search and social fields where filled in, else the headline, dek and featured image.
  const seo = resolveArticleSeo(r);
  const image = seo.image ? [{ url: absolute(origin, seo.image.src), alt: seo.image.alt }] : undefined;
  return {
    title: seo.title,
    description: seo.description || undefined,
    // A syndicated piece points search engines at the original.
    alternates: { canonical: seo.canonicalUrl ?? url },
    authors: article.authors.map((a) => ({ name: a.displayName, url: absolute(origin, `/authors/${a.slug}`) })),
    keywords: r.tags.map((t) => t.name),
    openGraph: {
      type: "article",
      url,
      siteName: "Newsroom",
      title: seo.socialTitle,
      description: seo.socialDescription || undefined,
      publishedTime: article.firstPublishedAt ?? undefined,
      modifiedTime: article.publishedUpdatedAt ?? undefined,
      authors: article.authors.map((a) => absolute(origin, `/authors/${a.slug}`)),
      section: article.section?.name ?? undefined,
      tags: r.tags.map((t) => t.name),
      images: image,
      locale: ogLocale(r.language),
    },
    twitter: { card: image ? "summary_large_image" : "summary", title: seo.socialTitle, description: seo.socialDescription || undefined, images: image },
  };
}

export default async function ArticlePage({ params }: Props) {
  const article = await load((await params).slug);
  const origin = await siteOrigin();
  const r = article.revision;
  const dict = dictionaryFor(r.language);
  const timeZone = await siteTimeZone();
  const image = r.featuredImage;
  const seo = resolveArticleSeo(r);
  const jsonLd = newsArticleJsonLd({
    url: absolute(origin, `/articles/${article.slug}`),
    // The headline as search engines should show it (Google cuts NewsArticle headlines at 110 characters).
    headline: seo.title,
    description: seo.description,
    datePublished: article.firstPublishedAt ?? "",
    dateModified: article.publishedUpdatedAt ?? article.firstPublishedAt ?? "",
    language: r.language,
    keywords: r.tags.map((t) => t.name),
    image: seo.image ? absolute(origin, seo.image.src) : null,
    section: article.section?.name,
    authors: article.authors.map((a) => ({ name: a.displayName, url: absolute(origin, `/authors/${a.slug}`) })),
    publisher: { name: "Newsroom", url: absolute(origin, "/") },
    basedOn: seo.canonicalUrl,
  });
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
