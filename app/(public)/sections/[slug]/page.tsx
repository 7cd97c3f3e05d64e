import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { connection } from "next/server";
import { cache } from "react";
import { ArticleList } from "@/components/public/article-list";
import { parsePage } from "@/components/public/pagination";
import { PAGE_SIZE } from "@/db/queries/public";
import { getSectionPage } from "@/lib/cache/public-data";
import { siteDictionary } from "@/lib/i18n/site";
import { slugParam } from "@/lib/seo/slug-param";
import { absolute, siteOrigin } from "@/lib/seo/site-url";

type Props = { params: Promise<{ slug: string }>; searchParams: Promise<{ page?: string | string[] }> };

const load = cache(async (raw: string, rawPage: string | string[] | undefined) => {
  await connection();
  const slug = slugParam(raw);
  const page = parsePage(rawPage);
  if (!slug || !page) notFound();
  const data = await getSectionPage(slug, page);
  if (!data || (page > 1 && data.articles.length === 0)) notFound();
  return { ...data, page };
});

export async function generateMetadata({ params, searchParams }: Props): Promise<Metadata> {
  const { section, page } = await load((await params).slug, (await searchParams).page);
  const url = absolute(await siteOrigin(), `/sections/${section.slug}`);
  return { title: section.name, alternates: { canonical: page > 1 ? `${url}?page=${page}` : url } };
}

export default async function SectionPage({ params, searchParams }: Props) {
  const { section, articles, total, page } = await load((await params).slug, (await searchParams).page);
  const dict = siteDictionary();
  return (
    <div>
      <h1 className="mb-8 border-b border-neutral-900 pb-3 font-serif text-4xl font-bold dark:border-neutral-200">{section.name}</h1>
      <ArticleList dict={dict} articles={articles} page={page} total={total} pageSize={PAGE_SIZE} basePath={`/sections/${section.slug}`} />
    </div>
  );
}
