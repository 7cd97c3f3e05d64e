import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { notFound } from "next/navigation";

import { ArticleEditor } from "@/components/editor/article-editor";
import { EditorIntlProvider } from "@/components/editor/editor-intl";
import { ArticleSidebar } from "@/components/workflow/article-sidebar";
import { getDb } from "@/db";
import { listActiveUsers } from "@/db/queries/article-people";
import { listArticleTags } from "@/db/queries/article-tags";
import { listSectionChoices } from "@/db/queries/sections";
import { loadArticleForUser } from "@/lib/articles/access";
import { requireUser } from "@/lib/auth/session";
import { newsroomLocale } from "@/lib/i18n/interface";
import { translateServerMessage } from "@/lib/i18n/server-messages";
import { canArticle } from "@/lib/permissions";
import { preferencesOf } from "@/lib/preferences/preferences";
import { slugify } from "@/lib/slug";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations({ locale: await newsroomLocale(), namespace: "editor" });
  return { title: t("page.editTitle") };
}

/** A slug still follows the headline when it is what the headline gives (possibly with a -2 suffix). */
function followsHeadline(slug: string, headline: string): boolean {
  const base = slugify(headline);
  return !base || slug === base || new RegExp(`^${base.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}-\\d+$`).test(slug) || /^article-[a-z0-9]+$/.test(slug);
}

export default async function EditArticlePage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ restored?: string }> }) {
  const { id } = await params;
  const { restored } = await searchParams;
  const user = await requireUser(`/newsroom/articles/${id}`);
  const db = await getDb();
  const loaded = await loadArticleForUser({ db, id, user, action: "view" });
  // Journalists do not learn that other people's articles exist.
  if (!loaded.ok) notFound();
  const { article, authors, authorIds } = loaded;
  const edit = canArticle(user, "edit", loaded.policy);
  const locale = await newsroomLocale();
  const t = await getTranslations({ locale, namespace: "editor" });
  const [tags, sectionRows, people, prefs] = await Promise.all([
    listArticleTags({ db, articleId: article.id }),
    listSectionChoices({ db }),
    listActiveUsers({ db }),
    preferencesOf(db, user.id),
  ]);

  return (
    <EditorIntlProvider>
      <h1 className="sr-only">{t("page.editTitle")}</h1>
      <ArticleEditor
        articleId={article.id}
        me={{ id: user.id, name: user.name }}
        version={article.version}
        values={{
          headline: article.headline,
          dek: article.dek,
          highlights: article.highlights,
          body: article.body,
          tags: tags.map((t) => t.name),
          sectionId: article.sectionId,
          language: article.language,
          slug: article.slug,
          featuredImage: article.featuredImage ?? null,
          seo: article.seo ?? {},
          authors,
        }}
        slugAuto={followsHeadline(article.slug, article.headline)}
        slugLocked={article.firstPublishedAt !== null}
        sections={sectionRows}
        people={people}
        editable={edit.ok}
        lockReason={edit.ok ? undefined : translateServerMessage(edit.reason, locale)}
        typography={prefs.typographyAsYouType}
        notice={restored ? t("page.restored", { number: Number(restored) }) : undefined}
      >
        <ArticleSidebar
          user={user}
          article={{
            id: article.id,
            status: article.status,
            version: article.version,
            authorIds,
            hasUnpublishedChanges: article.hasUnpublishedChanges,
            slug: article.slug,
          }}
        />
      </ArticleEditor>
    </EditorIntlProvider>
  );
}
