import type { Metadata } from "next";
import { notFound, permanentRedirect } from "next/navigation";
import { connection } from "next/server";
import { cache } from "react";

import { articleJsonLd, ArticleView } from "@/components/public/article-view";
import { getArticlePage } from "@/lib/cache/public-data";
import { siteTimeZone } from "@/lib/i18n/site";
import { resolveArticleSeo } from "@/lib/seo/article-seo";
import { DEFAULT_SOCIAL_IMAGE } from "@/lib/seo/brand";
import { ogLocale } from "@/lib/seo/og-locale";
import { foldedSlug } from "@/lib/seo/paged-listing";
import { absolute, siteOrigin } from "@/lib/seo/site-url";
import { slugParam } from "@/lib/seo/slug-param";

type Props = { params: Promise<{ slug: string }> };

/** Shared by the page and its metadata; unknown, unpublished or malformed slugs are 404. */
const load = cache(async (raw: string) => {
  await connection();
  const slug = slugParam(raw);
  if (!slug) {
    // An address typed with capitals or accents (/articles/La-Chine-nie-…): slugs are folded, so
    // the folded address is the article, if there is one; as for tags and authors.
    const folded = foldedSlug(raw);
    if (folded) permanentRedirect(`/articles/${folded}`);
    notFound();
  }
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
  // The site's social image when the article has none, so every share shows a picture.
  const image = seo.image
    ? [{ url: absolute(origin, seo.image.src), alt: seo.image.alt }]
    : [
        {
          url: absolute(origin, DEFAULT_SOCIAL_IMAGE.path),
          alt: DEFAULT_SOCIAL_IMAGE.alt,
          width: DEFAULT_SOCIAL_IMAGE.width,
          height: DEFAULT_SOCIAL_IMAGE.height,
        },
      ];
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
    twitter: { card: "summary_large_image", title: seo.socialTitle, description: seo.socialDescription || undefined, images: image },
  };
}

export default async function ArticlePage({ params }: Props) {
  const article = await load((await params).slug);
  const [origin, timeZone] = await Promise.all([siteOrigin(), siteTimeZone()]);
  return (
    <ArticleView article={article} jsonLd={articleJsonLd(article, origin, "")} timeZone={timeZone} shareUrl={absolute(origin, `/articles/${article.slug}`)} />
  );
}
