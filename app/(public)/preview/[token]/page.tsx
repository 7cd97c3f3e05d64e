import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { headers } from "next/headers";
import { notFound } from "next/navigation";
import { connection } from "next/server";

import { articleJsonLd, ArticleView } from "@/components/public/article-view";
import { PreviewBanner, PreviewFrame, widthOf } from "@/components/public/preview-banner";
import { getDb } from "@/db";
import { clientIp } from "@/lib/auth/authenticate";
import { appLocaleOf } from "@/lib/i18n/messages";
import { siteLanguage, siteTimeZone } from "@/lib/i18n/site";
import { openSharedPreview } from "@/lib/previews/links";
import { siteOrigin } from "@/lib/seo/site-url";
import { dateLocaleOf, formatInZone } from "@/lib/workflow/time-zone";

// Not a public route of the page cache (server/page-cache/public-routes.mjs), never in a sitemap
// or feed; next.config.js adds X-Robots-Tag and Referrer-Policy: no-referrer on /preview/.
export const metadata: Metadata = { title: "Preview", robots: { index: false, follow: false }, referrer: "no-referrer" };

type Props = { params: Promise<{ token: string }>; searchParams: Promise<{ width?: string | string[] }> };

/** A preview shared with someone without an account. Every refusal is the site's plain 404. */
export default async function SharedPreviewPage({ params, searchParams }: Props) {
  await connection();
  const { token } = await params;
  const width = widthOf((await searchParams).width);
  const db = await getDb();
  const shared = await openSharedPreview(db, { token: token.slice(0, 200), ip: clientIp(await headers()) });
  if (!shared) notFound();
  const [origin, timeZone, siteLocale] = await Promise.all([siteOrigin(), siteTimeZone(), siteLanguage()]);
  // Someone without an account reads the preview in the site's language.
  const locale = appLocaleOf(siteLocale) ?? "en";
  const t = await getTranslations({ locale, namespace: "common.previewBanner" });
  const { article, view } = shared;
  return (
    <div>
      <PreviewBanner
        locale={locale}
        basePath={`/preview/${token}`}
        width={width}
        versionLabel={shared.revisionNumber === null ? t("latestVersion", { number: article.version }) : t("revision", { number: shared.revisionNumber })}
        savedAt={shared.revisionNumber === null ? article.updatedAt : null}
        embargoUntil={article.embargoUntil}
        timeZone={timeZone}
      >
        <span>
          {t("sharedExpires")} <time dateTime={shared.expiresAt.toISOString()}>{formatInZone(shared.expiresAt, timeZone, dateLocaleOf(locale))}</time> (
          {timeZone}).
        </span>
      </PreviewBanner>
      <PreviewFrame width={width}>
        <ArticleView article={view} jsonLd={articleJsonLd(view, origin, article.updatedAt.toISOString())} timeZone={timeZone} />
      </PreviewFrame>
    </div>
  );
}
