// TEMP: a stand-in for the editor page (built in another branch) so the workflow sidebar can be
// exercised end to end. The lead drops this file at merge in favour of the real editor page.
import { notFound } from "next/navigation";
import { getDb } from "@/db";
import { getArticleById } from "@/db/queries/articles";
import { ArticleSidebar } from "@/components/workflow/article-sidebar";
import { getAuthorIds } from "@/lib/articles/store";
import { requireUser } from "@/lib/auth/session";
import { canArticle } from "@/lib/permissions";
import { describeStatus } from "@/lib/workflow/article-workflow";

export default async function ArticleWorkflowPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const user = await requireUser(`/newsroom/articles/${id}`);
  const db = await getDb();
  const article = await getArticleById({ db, id });
  if (!article) notFound();
  const authorIds = await getAuthorIds(db, article.id);
  if (!canArticle(user, "view", { status: article.status, authorIds }).ok) notFound();
  return (
    <div className="grid gap-6 lg:grid-cols-[1fr_22rem]">
      <div>
        <h1 className="font-serif text-3xl font-bold">{article.headline || "(untitled)"}</h1>
        <p className="mt-2 text-sm">Status: {describeStatus(article.status)}</p>
      </div>
      <ArticleSidebar
        user={user}
        article={{ id: article.id, status: article.status, version: article.version, authorIds, hasUnpublishedChanges: article.hasUnpublishedChanges, slug: article.slug }}
      />
    </div>
  );
}
