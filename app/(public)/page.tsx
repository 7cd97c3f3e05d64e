import type { Metadata } from "next";
import Link from "next/link";
import { permanentRedirect, redirect } from "next/navigation";
import { connection } from "next/server";

import { ArticleCard, type ArticleCardProps } from "@/components/public/article-card";
import { getFrontPage } from "@/lib/cache/public-data";
import { dirAttr, langAttr } from "@/lib/i18n/dictionaries";
import { siteDictionary, siteLanguage } from "@/lib/i18n/site";
import { legacyRedirectFor } from "@/lib/import/redirects";
import { DEFAULT_SOCIAL_IMAGE } from "@/lib/seo/brand";
import { serializeJsonLd, websiteJsonLd } from "@/lib/seo/json-ld";
import { ogLocale } from "@/lib/seo/og-locale";
import { siteOrigin } from "@/lib/seo/site-url";
import { LEGACY_FRONT_PAGE_PARAMS } from "@/server/page-cache/public-routes.mjs";

export async function generateMetadata(): Promise<Metadata> {
  const [dict, origin, language] = await Promise.all([siteDictionary(), siteOrigin(), siteLanguage()]);
  return {
    title: { absolute: `Newsroom — ${dict.siteTagline}` },
    description: dict.siteTagline,
    alternates: { canonical: `${origin}/`, types: { "application/rss+xml": `${origin}/feed.xml` } },
    openGraph: {
      type: "website",
      siteName: "Newsroom",
      title: "Newsroom",
      description: dict.siteTagline,
      url: `${origin}/`,
      locale: ogLocale(language),
      images: [
        { url: `${origin}${DEFAULT_SOCIAL_IMAGE.path}`, width: DEFAULT_SOCIAL_IMAGE.width, height: DEFAULT_SOCIAL_IMAGE.height, alt: DEFAULT_SOCIAL_IMAGE.alt },
      ],
    },
    twitter: { card: "summary_large_image", images: [`${origin}${DEFAULT_SOCIAL_IMAGE.path}`] },
  };
}

export default async function FrontPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  // Rendered per request from cached data; never prerendered at build (no database there).
  await connection();
  // `/?p=123` and `/?page_id=…`: addresses of an imported WordPress site.
  // The page cache hands these to Next uncached (server/page-cache/public-routes.mjs); an unknown
  // one goes to the front page's one address, so a flood of made-up ids renders nothing.
  const query = await searchParams;
  if (LEGACY_FRONT_PAGE_PARAMS.some((name) => query[name] !== undefined)) {
    const target = await legacyRedirectFor("/", query);
    if (target) permanentRedirect(target);
    redirect("/");
  }
  const [dict, origin, language, { lead, secondTier, latest, bySection }] = await Promise.all([siteDictionary(), siteOrigin(), siteLanguage(), getFrontPage()]);
  const jsonLd = (
    <script
      type="application/ld+json"
      dangerouslySetInnerHTML={{ __html: serializeJsonLd(websiteJsonLd({ origin, name: "Newsroom", description: dict.siteTagline, language })) }}
    />
  );
  if (!lead) {
    return (
      <>
        {jsonLd}
        <h1 className="sr-only">Newsroom</h1>
        <p>{dict.noArticles}</p>
      </>
    );
  }
  return (
    <div className="space-y-12">
      {jsonLd}
      <h1 className="sr-only">Newsroom — {dict.siteTagline}</h1>
      <section aria-labelledby="lead-heading" data-front="lead">
        <h2 id="lead-heading" className="sr-only">
          {dict.latest}
        </h2>
        <ArticleCard article={lead} variant="lead" headingLevel="h3" />
      </section>
      <CardBlock name="second-tier" heading={dict.moreNews} articles={secondTier} listClassName="gap-y-10 lg:grid-cols-4" />
      {bySection.length > 0 && (
        <section aria-labelledby="sections-heading" data-front="sections" className="border-t border-neutral-900 pt-4 dark:border-neutral-200">
          <h2 id="sections-heading" className="mb-6 font-serif text-2xl font-bold">
            {dict.bySection}
          </h2>
          <div className="grid gap-10 md:grid-cols-2 lg:grid-cols-3">
            {bySection.map((s) => (
              <section key={s.slug} aria-labelledby={`section-${s.slug}`} className="min-w-0">
                <h3
                  id={`section-${s.slug}`}
                  className="mb-3 border-b border-neutral-300 pb-1 text-sm font-bold uppercase tracking-wider dark:border-neutral-700"
                >
                  <Link prefetch={false} href={`/sections/${s.slug}`} className="hover:underline">
                    {s.name}
                  </Link>
                </h3>
                <ul className="space-y-4">
                  {s.articles.map((a, i) => (
                    <li key={a.id}>
                      {i === 0 ? (
                        <ArticleCard article={{ ...a, sectionName: null }} headingLevel="h4" />
                      ) : (
                        <CompactItem slug={a.slug} headline={a.headline} language={a.language} />
                      )}
                    </li>
                  ))}
                </ul>
              </section>
            ))}
          </div>
        </section>
      )}
      <CardBlock name="latest" heading={dict.mostRecent} articles={latest} listClassName="gap-y-6 lg:grid-cols-3" variant="compact" />
    </div>
  );
}

function CompactItem({ slug, headline, language }: { slug: string; headline: string; language: string }) {
  return (
    <p lang={langAttr(language)} dir={dirAttr(language)} className="font-serif text-lg leading-snug [overflow-wrap:anywhere]">
      <Link prefetch={false} href={`/articles/${slug}`} className="hover:underline">
        {headline}
      </Link>
    </p>
  );
}

type CardArticle = ArticleCardProps["article"] & { id: string };

/** A titled block of article cards in a grid (the second tier, the most recent); nothing when empty. */
function CardBlock(p: { name: string; heading: string; articles: CardArticle[]; listClassName: string; variant?: "compact" }) {
  if (p.articles.length === 0) return null;
  return (
    <section aria-labelledby={`${p.name}-heading`} data-front={p.name} className="border-t border-neutral-900 pt-4 dark:border-neutral-200">
      <h2 id={`${p.name}-heading`} className="mb-6 font-serif text-2xl font-bold">
        {p.heading}
      </h2>
      <ul className={`grid gap-x-8 sm:grid-cols-2 ${p.listClassName}`}>
        {p.articles.map((a) => (
          <li key={a.id} className="min-w-0">
            <ArticleCard article={a} headingLevel="h3" variant={p.variant} />
          </li>
        ))}
      </ul>
    </section>
  );
}
