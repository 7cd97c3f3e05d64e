import "server-only";

import { eq, sql } from "drizzle-orm";

import type { Tx } from "@/db";
import { articles, corrections, sections } from "@/db/schema";

/** Points the article at its new live revision. */
export async function updateArticleLive({
  db,
  articleId,
  revisionId,
  sectionId,
  firstPublishedAt,
  now,
}: {
  db: Tx;
  articleId: string;
  revisionId: number;
  sectionId: number | null;
  firstPublishedAt: Date;
  now: Date;
}): Promise<void> {
  await db
    .update(articles)
    .set({
      status: "published",
      publishedRevisionId: revisionId,
      // Only a section that still exists (the revision's section_id has no foreign key).
      publishedSectionId: sql`(select ${sections.id} from ${sections} where ${sections.id} = ${sectionId})`,
      firstPublishedAt,
      publishedUpdatedAt: now,
      scheduledAt: null,
      hasUnpublishedChanges: false,
    })
    .where(eq(articles.id, articleId));
}

export async function insertCorrection({
  db,
  articleId,
  revisionId,
  note,
  createdById,
}: {
  db: Tx;
  articleId: string;
  revisionId: number;
  note: string;
  createdById: string | null;
}): Promise<void> {
  await db.insert(corrections).values({ articleId, revisionId, note, createdById });
}

/** The weighted text readers search: headline A, dek and key words B, body C. */
export async function updateSearchVector({
  db,
  articleId,
  config,
  headline,
  dek,
  keyText,
  bodyText,
}: {
  db: Tx;
  articleId: string;
  config: string;
  headline: string;
  dek: string;
  keyText: string;
  bodyText: string;
}): Promise<void> {
  await db.execute(sql`
    update articles set search_vector =
      setweight(to_tsvector(${config}::regconfig, ${headline}), 'A') ||
      setweight(to_tsvector(${config}::regconfig, ${dek}), 'B') ||
      setweight(to_tsvector(${config}::regconfig, ${keyText}), 'B') ||
      setweight(to_tsvector(${config}::regconfig, ${bodyText}), 'C')
    where id = ${articleId}`);
}
