import type { Metadata } from "next";
import { cache } from "react";

import { ArticleList } from "@/components/public/article-list";
import { Bio } from "@/components/public/author-card";
import { Picture } from "@/components/public/picture";
import { PAGE_SIZE } from "@/db/queries/public";
import { getAuthorPage } from "@/lib/cache/public-data";
import { siteDictionary, siteLanguage } from "@/lib/i18n/site";
import { encodedUrl } from "@/lib/seo/encoded-url";
import { profilePageJsonLd, serializeJsonLd } from "@/lib/seo/json-ld";
import { ogLocale } from "@/lib/seo/og-locale";
import { loadPagedListing, movedTo } from "@/lib/seo/paged-listing";
import { absolute, siteOrigin } from "@/lib/seo/site-url";

type Props = { params: Promise<{ slug: string }>; searchParams: Promise<{ page?: string | string[] }> };

const load = cache((raw: string, rawPage: string | string[] | undefined) =>
  loadPagedListing(raw, rawPage, getAuthorPage, { movedTo: movedTo("author"), base: "/authors" }),
);

export async function generateMetadata({ params, searchParams }: Props): Promise<Metadata> {
  const { author, page } = await load((await params).slug, (await searchParams).page);
  const [origin, language] = await Promise.all([siteOrigin(), siteLanguage()]);
  const url = absolute(origin, `/authors/${author.slug}`);
  return {
    title: author.displayName,
    description: author.jobTitle || undefined,
    // Each page of an author's articles is its own page for search engines, as on tag and section pages.
    alternates: { canonical: page > 1 ? `${url}?page=${page}` : url, types: { "application/rss+xml": `${url}/feed.xml` } },
    openGraph: {
      type: "profile",
      url,
      title: author.displayName,
      locale: ogLocale(language),
      images: author.photoPath ? [absolute(origin, author.photoPath)] : undefined,
    },
  };
}

export default async function AuthorPage({ params, searchParams }: Props) {
  const { author, articles, total, page } = await load((await params).slug, (await searchParams).page);
  const [dict, origin] = await Promise.all([siteDictionary(), siteOrigin()]);
  // Profiles are validated by their editor, but a link that is not http(s) never becomes an href here.
  // Percent-encoded as validators expect (lib/seo/encoded-url.ts).
  const links = author.links.flatMap((l) => {
    const url = encodedUrl(l.url);
    return url ? [{ ...l, url }] : [];
  });
  const url = absolute(origin, `/authors/${author.slug}`);
  const jsonLd = profilePageJsonLd({
    url,
    name: author.displayName,
    jobTitle: author.jobTitle,
    description: author.bio,
    image: author.photoPath ? absolute(origin, author.photoPath) : null,
    sameAs: links.map((l) => l.url),
  });
  return (
    <div className="space-y-10">
      <script type="application/ld+json" dangerouslySetInnerHTML={{ __html: serializeJsonLd(jsonLd) }} />
      <header className="flex flex-col gap-6 border-b border-neutral-300 pb-8 sm:flex-row sm:items-start dark:border-neutral-700">
        {author.photoPath && (
          <Picture
            src={author.photoPath}
            alt={dict.photoOf(author.displayName)}
            sizes="128px"
            width={128}
            height={128}
            priority
            className="size-32 shrink-0 rounded-full object-cover"
          />
        )}
        <div className="max-w-2xl">
          <h1 className="font-serif text-4xl font-bold [overflow-wrap:anywhere]">{author.displayName}</h1>
          {author.jobTitle && <p className="mt-1 text-lg text-neutral-700 dark:text-neutral-300">{author.jobTitle}</p>}
          {author.location && (
            <p className="mt-1 text-sm text-neutral-700 dark:text-neutral-300">
              {dict.location} : {author.location}
            </p>
          )}
          {author.bio && <Bio text={author.bio} language={author.bioLanguage} className="mt-4 text-lg leading-relaxed" />}
          {links.length > 0 && (
            <>
              <h2 className="sr-only">{dict.authorLinks}</h2>
              <ul className="mt-4 flex flex-wrap gap-x-5 gap-y-2 text-sm">
                {links.map((l) => (
                  <li key={l.url}>
                    <a href={l.url} rel="me noopener" className="underline underline-offset-2">
                      {l.label}
                    </a>
                  </li>
                ))}
              </ul>
            </>
          )}
          <p className="mt-4 text-sm">
            <a href={`/authors/${author.slug}/feed.xml`} type="application/rss+xml" className="underline underline-offset-2">
              {dict.feedOf(author.displayName)}
            </a>
          </p>
        </div>
      </header>
      <section aria-labelledby="author-articles">
        <h2 id="author-articles" className="mb-6 font-serif text-2xl font-bold">
          {dict.authorArticles}
        </h2>
        <ArticleList dict={dict} articles={articles} page={page} total={total} pageSize={PAGE_SIZE} basePath={`/authors/${author.slug}`} headingLevel="h3" />
      </section>
    </div>
  );
}
