import type { Metadata } from "next";
import { cache } from "react";

import { ArticleList } from "@/components/public/article-list";
import { PAGE_SIZE } from "@/db/queries/public";
import { getTagPage } from "@/lib/cache/public-data";
import { siteDictionary, siteLanguage } from "@/lib/i18n/site";
import { listingDescription, ogLocale } from "@/lib/seo/og-locale";
import { loadPagedListing, movedTo } from "@/lib/seo/paged-listing";
import { absolute, siteOrigin } from "@/lib/seo/site-url";

type Props = { params: Promise<{ slug: string }>; searchParams: Promise<{ page?: string | string[] }> };

const load = cache((raw: string, rawPage: string | string[] | undefined) =>
  loadPagedListing(raw, rawPage, getTagPage, { emptyIsMissing: true, movedTo: movedTo("tag"), base: "/tags" }),
);

export async function generateMetadata({ params, searchParams }: Props): Promise<Metadata> {
  const { tag, articles, page } = await load((await params).slug, (await searchParams).page);
  const [origin, dict, language] = await Promise.all([siteOrigin(), siteDictionary(), siteLanguage()]);
  const url = absolute(origin, `/tags/${tag.slug}`);
  const title = dict.tagPageTitle(tag.name);
  const description = listingDescription(
    title,
    articles.slice(0, 3).map((a) => a.headline),
  );
  return {
    title,
    description,
    alternates: { canonical: page > 1 ? `${url}?page=${page}` : url, types: { "application/rss+xml": `${url}/feed.xml` } },
    openGraph: { type: "website", siteName: "Newsroom", url, title, description, locale: ogLocale(language) },
  };
}

export default async function TagPage({ params, searchParams }: Props) {
  const { tag, articles, total, page } = await load((await params).slug, (await searchParams).page);
  const dict = await siteDictionary();
  return (
    <div>
      <header className="mb-8 flex flex-wrap items-baseline justify-between gap-4 border-b border-neutral-900 pb-3 dark:border-neutral-200">
        <h1 className="font-serif text-4xl font-bold">
          <span className="sr-only">{dict.tags} : </span>#{tag.name}
        </h1>
        <a href={`/tags/${tag.slug}/feed.xml`} type="application/rss+xml" className="text-sm underline underline-offset-2">
          {dict.feedOf(`#${tag.name}`)}
        </a>
      </header>
      <ArticleList dict={dict} articles={articles} page={page} total={total} pageSize={PAGE_SIZE} basePath={`/tags/${tag.slug}`} />
    </div>
  );
}
