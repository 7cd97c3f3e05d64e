import type { Metadata } from "next";
import { cache } from "react";

import { ArticleList } from "@/components/public/article-list";
import { PAGE_SIZE } from "@/db/queries/public";
import { getSectionPage } from "@/lib/cache/public-data";
import { siteDictionary, siteLanguage } from "@/lib/i18n/site";
import { listingDescription, ogLocale } from "@/lib/seo/og-locale";
import { loadPagedListing } from "@/lib/seo/paged-listing";
import { absolute, siteOrigin } from "@/lib/seo/site-url";

type Props = { params: Promise<{ slug: string }>; searchParams: Promise<{ page?: string | string[] }> };

const load = cache((raw: string, rawPage: string | string[] | undefined) => loadPagedListing(raw, rawPage, getSectionPage, { base: "/sections" }));

export async function generateMetadata({ params, searchParams }: Props): Promise<Metadata> {
  const { section, articles, page } = await load((await params).slug, (await searchParams).page);
  const [origin, language] = await Promise.all([siteOrigin(), siteLanguage()]);
  const url = absolute(origin, `/sections/${section.slug}`);
  const description = listingDescription(
    section.name,
    articles.slice(0, 3).map((a) => a.headline),
  );
  return {
    title: section.name,
    description,
    alternates: { canonical: page > 1 ? `${url}?page=${page}` : url },
    openGraph: { type: "website", siteName: "Newsroom", url, title: section.name, description, locale: ogLocale(language) },
  };
}

export default async function SectionPage({ params, searchParams }: Props) {
  const { section, articles, total, page } = await load((await params).slug, (await searchParams).page);
  const dict = await siteDictionary();
  return (
    <div>
      <h1 className="mb-8 border-b border-neutral-900 pb-3 font-serif text-4xl font-bold dark:border-neutral-200">{section.name}</h1>
      <ArticleList dict={dict} articles={articles} page={page} total={total} pageSize={PAGE_SIZE} basePath={`/sections/${section.slug}`} />
    </div>
  );
}
