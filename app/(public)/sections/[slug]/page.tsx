import type { Metadata } from "next";
import { cache } from "react";

import { ArticleList } from "@/components/public/article-list";
import { PAGE_SIZE } from "@/db/queries/public";
import { getSectionPage } from "@/lib/cache/public-data";
import { siteDictionary } from "@/lib/i18n/site";
import { loadPagedListing } from "@/lib/seo/paged-listing";
import { absolute, siteOrigin } from "@/lib/seo/site-url";

type Props = { params: Promise<{ slug: string }>; searchParams: Promise<{ page?: string | string[] }> };

const load = cache((raw: string, rawPage: string | string[] | undefined) => loadPagedListing(raw, rawPage, getSectionPage));

export async function generateMetadata({ params, searchParams }: Props): Promise<Metadata> {
  const { section, page } = await load((await params).slug, (await searchParams).page);
  const url = absolute(await siteOrigin(), `/sections/${section.slug}`);
  return { title: section.name, alternates: { canonical: page > 1 ? `${url}?page=${page}` : url } };
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
