import "server-only";

import type { ArticleViewModel } from "@/components/public/article-view";
import type { Tx } from "@/db";
import { listAuthorIds } from "@/db/queries/article-people";
import { listArticleTags } from "@/db/queries/article-tags";
import { getSectionRef, listAuthorProfiles } from "@/db/queries/previews";
import { getCorrections } from "@/db/queries/public";
import type { Article, ArticleRevision } from "@/db/schema";
import { renderBodyHtml } from "@/lib/rich-text/body";

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** What readers would see of the text, wherever it comes from (working copy or revision). */
type Text = Pick<ArticleRevision, "headline" | "dek" | "highlights" | "language" | "featuredImage" | "sectionId" | "seo"> & { bodyHtml: string };

async function build(db: Tx, article: Article, text: Text, tags: ArticleViewModel["revision"]["tags"], authorIds: string[]): Promise<ArticleViewModel> {
  const [authors, section, corrections] = await Promise.all([
    listAuthorProfiles({ db, userIds: authorIds }),
    getSectionRef({ db, id: text.sectionId }),
    getCorrections({ db, articleId: article.id }),
  ]);
  return {
    slug: article.slug,
    firstPublishedAt: iso(article.firstPublishedAt),
    publishedUpdatedAt: iso(article.publishedUpdatedAt),
    section,
    authors,
    corrections: corrections.map((c) => ({ ...c, createdAt: c.createdAt.toISOString() })),
    // Related articles depend on the live tags of other published pieces: not part of a version.
    related: [],
    revision: {
      headline: text.headline,
      dek: text.dek,
      highlights: text.highlights,
      bodyHtml: text.bodyHtml,
      tags,
      language: text.language,
      featuredImage: text.featuredImage ?? null,
      seo: text.seo,
    },
  };
}

/** The article page readers would get if the working copy were published now. */
export async function workingCopyView({ db, article }: { db: Tx; article: Article }): Promise<ArticleViewModel> {
  const [tags, authorIds] = await Promise.all([listArticleTags({ db, articleId: article.id }), listAuthorIds({ db, articleId: article.id })]);
  return build(db, article, { ...article, bodyHtml: renderBodyHtml(article.body, article.language) }, tags, authorIds);
}

/** The article page of one cut revision (its byline when it has one, else the working one). */
export async function revisionView({ db, article, revision }: { db: Tx; article: Article; revision: ArticleRevision }): Promise<ArticleViewModel> {
  const authorIds = revision.authorIds ?? (await listAuthorIds({ db, articleId: article.id }));
  return build(db, article, revision, revision.tags, authorIds);
}
