import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { notFound } from "next/navigation";

import { articleJsonLd, ArticleView } from "@/components/public/article-view";
import { PreviewBanner, PreviewFrame, widthOf } from "@/components/public/preview-banner";
import { getDb } from "@/db";
import { getLiveRevisionNumber } from "@/db/queries/previews";
import { loadArticleForUser } from "@/lib/articles/access";
import { requireUser } from "@/lib/auth/session";
import { newsroomLocale } from "@/lib/i18n/interface";
import { workingCopyView } from "@/lib/previews/model";
import { siteOrigin } from "@/lib/seo/site-url";
import { getSettings } from "@/lib/settings";

// Never indexed; the response is dynamic (Next answers it `no-store`) and no page cache covers /newsroom.
export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations({ locale: await newsroomLocale(), namespace: "articles.preview" });
  return { title: t("title"), robots: { index: false, follow: false } };
}

type Props = { params: Promise<{ id: string }>; searchParams: Promise<{ width?: string | string[] }> };

/** The working copy as readers would see it, rendered by the public article page's own component. */
export default async function ArticlePreviewPage({ params, searchParams }: Props) {
  const { id } = await params;
  const width = widthOf((await searchParams).width);
  const user = await requireUser(`/newsroom/articles/${id}/preview`);
  const t = await getTranslations({ locale: await newsroomLocale(), namespace: "articles.preview" });
  const db = await getDb();
  const loaded = await loadArticleForUser({ db, id, user, action: "view" });
  // Same 404 as an unknown article: nobody learns that someone else's article exists.
  if (!loaded.ok) notFound();
  const { article } = loaded;
  const [view, settings, origin, liveNumber] = await Promise.all([
    workingCopyView({ db, article }),
    getSettings(db),
    siteOrigin(),
    article.status === "published" && article.hasUnpublishedChanges ? getLiveRevisionNumber({ db, articleId: article.id }) : null,
  ]);
  const now = article.updatedAt.toISOString();
  return (
    <div>
      <h1 className="sr-only">{t("heading", { headline: article.headline })}</h1>
      <PreviewBanner
        locale={await newsroomLocale()}
        basePath={`/newsroom/articles/${article.id}/preview`}
        width={width}
        versionLabel={t("version", { number: article.version })}
        savedAt={article.updatedAt}
        embargoUntil={article.embargoUntil}
        timeZone={settings.timeZone}
      >
        {liveNumber !== null && (
          <span>
            {t("pending")}{" "}
            <Link prefetch={false} href={`/newsroom/articles/${article.id}/history?a=${liveNumber}&b=current`} className="underline">
              {t("compareLive")}
            </Link>
          </span>
        )}
        <Link prefetch={false} href={`/newsroom/articles/${article.id}`} className="underline">
          {t("back")}
        </Link>
      </PreviewBanner>
      <PreviewFrame width={width}>
        <ArticleView article={view} jsonLd={articleJsonLd(view, origin, now)} timeZone={settings.timeZone} />
      </PreviewFrame>
    </div>
  );
}
