import type { Metadata } from "next";
import { NextIntlClientProvider } from "next-intl";
import { notFound } from "next/navigation";

import { ArticleEditor } from "@/components/editor/article-editor";
import { ArticleSidebar } from "@/components/workflow/article-sidebar";
import { getDb } from "@/db";
import { listActiveUsers } from "@/db/queries/article-people";
import { listArticleTags } from "@/db/queries/article-tags";
import { listSectionChoices } from "@/db/queries/sections";
import { loadArticleForUser } from "@/lib/articles/access";
import { requireUser } from "@/lib/auth/session";
import { canArticle } from "@/lib/permissions";
import { preferencesOf } from "@/lib/preferences/preferences";
import { slugify } from "@/lib/slug";

export const metadata: Metadata = { title: "Edit article" };

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
  const [tags, sectionRows, people, prefs] = await Promise.all([
    listArticleTags({ db, articleId: article.id }),
    listSectionChoices({ db }),
    listActiveUsers({ db }),
    preferencesOf(db, user.id),
  ]);

  // The editor's client components read the catalogues (all namespaces, inherited from the request).
  return (
    <NextIntlClientProvider>
      <div>
        <h1 className="sr-only">Edit article</h1>
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
          lockReason={edit.ok ? undefined : edit.reason}
          typography={prefs.typographyAsYouType}
          notice={restored ? `Revision ${Number(restored)} was restored as the working copy.` : undefined}
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
      </div>
    </NextIntlClientProvider>
  );
}
