import type { Metadata } from "next";
import Link from "next/link";
import { permanentRedirect, redirect } from "next/navigation";
import { connection } from "next/server";

import { ArticleCard } from "@/components/public/article-card";
import { getFrontPage } from "@/lib/cache/public-data";
import { siteDictionary, siteLanguage } from "@/lib/i18n/site";
import { legacyRedirectFor } from "@/lib/import/redirects";
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
    openGraph: { type: "website", siteName: "Newsroom", title: "Newsroom", description: dict.siteTagline, url: `${origin}/`, locale: ogLocale(language) },
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
  const [dict, origin, language, { lead, latest, bySection }] = await Promise.all([siteDictionary(), siteOrigin(), siteLanguage(), getFrontPage()]);
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
      <section aria-labelledby="lead-heading">
        <h2 id="lead-heading" className="sr-only">
          {dict.latest}
        </h2>
        <ArticleCard article={lead} variant="lead" headingLevel="h3" />
      </section>
      {latest.length > 0 && (
        <section aria-labelledby="latest-heading" className="border-t border-neutral-900 pt-4 dark:border-neutral-200">
          <h2 id="latest-heading" className="mb-6 font-serif text-2xl font-bold">
            {dict.moreNews}
          </h2>
          <ul className="grid gap-x-8 gap-y-10 sm:grid-cols-2 lg:grid-cols-3">
            {latest.map((a) => (
              <li key={a.id}>
                <ArticleCard article={a} headingLevel="h3" />
              </li>
            ))}
          </ul>
        </section>
      )}
      {bySection.length > 0 && (
        <section aria-labelledby="sections-heading" className="border-t border-neutral-900 pt-4 dark:border-neutral-200">
          <h2 id="sections-heading" className="mb-6 font-serif text-2xl font-bold">
            {dict.bySection}
          </h2>
          <div className="grid gap-10 md:grid-cols-3">
            {bySection.map((s) => (
              <section key={s.slug} aria-labelledby={`section-${s.slug}`}>
                <h3
                  id={`section-${s.slug}`}
                  className="mb-3 border-b border-neutral-300 pb-1 text-sm font-bold uppercase tracking-wider dark:border-neutral-700"
                >
                  <Link href={`/sections/${s.slug}`} className="hover:underline">
                    {s.name}
                  </Link>
                </h3>
                <ul className="space-y-4">
                  {s.articles.map((a) => (
                    <li key={a.id}>
                      <CompactItem slug={a.slug} headline={a.headline} language={a.language} />
                    </li>
                  ))}
                </ul>
              </section>
            ))}
          </div>
        </section>
      )}
    </div>
  );
}

function CompactItem({ slug, headline, language }: { slug: string; headline: string; language: string }) {
  return (
    <p lang={language} className="font-serif text-lg leading-snug">
      <Link href={`/articles/${slug}`} className="hover:underline">
        {headline}
      </Link>
    </p>
  );
}
