import "server-only";

import { and, eq, isNotNull, ne, or, sql, type SQL, type SQLWrapper } from "drizzle-orm";

import type { Tx } from "@/db";
import { articleAuthors, articles, users, type Article, type NewArticle } from "@/db/schema";
import { newsroomScope, type NewsroomScope } from "@/lib/permissions";
import { isRole } from "@/lib/roles";

/**
 * The articles a user may see in the newsroom, as a WHERE condition: lib/permissions decides the
 * scope (a role it does not know sees only its own), this only writes it in SQL. Pass `scope` to
 * narrow an editor's list to what they author, and `articleId` for a row that names an article
 * rather than being one (a notification's article_id).
 */
export function visibleTo(
  user: { id: string; role: string },
  scope: NewsroomScope = isRole(user.role) ? newsroomScope({ role: user.role }) : "own",
  articleId: SQLWrapper = articles.id,
): SQL | undefined {
  if (scope === "all") return undefined;
  return sql`exists (select 1 from ${articleAuthors} where ${articleAuthors.articleId} = ${articleId} and ${articleAuthors.userId} = ${user.id})`;
}

export async function getArticleById({ db, id }: { db: Tx; id: string }) {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return undefined;
  const rows = await db.select().from(articles).where(eq(articles.id, id)).limit(1);
  return rows[0];
}

export async function insertArticle({ db, values }: { db: Tx; values: NewArticle }): Promise<Article> {
  const [article] = await db.insert(articles).values(values).returning();
  return article;
}

/** A plain update of some columns (the version stays: not an edit of the working copy). */
export async function updateArticle({ db, id, set }: { db: Tx; id: string; set: Partial<NewArticle> }): Promise<void> {
  await db.update(articles).set(set).where(eq(articles.id, id));
}

export type WorkingCopyChanges = Partial<
  Pick<
    Article,
    | "headline"
    | "dek"
    | "highlights"
    | "body"
    | "sectionId"
    | "language"
    | "featuredImage"
    | "seo"
    | "slug"
    | "updatedAt"
    | "updatedById"
    | "hasUnpublishedChanges"
  >
>;

/**
 * An edit of the working copy: bumps the version, so an editor still on the old one sees a conflict.
 * With `expectedVersion`, it only applies while the row is still at that version (undefined
 * otherwise). With `saveId` (null included), records which save produced the new version.
 */
export async function updateWorkingCopy({
  db,
  id,
  set,
  expectedVersion,
  saveId,
}: {
  db: Tx;
  id: string;
  set: WorkingCopyChanges;
  expectedVersion?: number;
  saveId?: string | null;
}): Promise<{ version: number; slug: string } | undefined> {
  const [row] = await db
    .update(articles)
    .set({
      ...set,
      version: sql`${articles.version} + 1`,
      ...(saveId !== undefined ? { lastSaveId: saveId, lastSaveVersion: sql`${articles.version} + 1` } : {}),
    })
    .where(and(eq(articles.id, id), expectedVersion !== undefined ? eq(articles.version, expectedVersion) : undefined))
    .returning({ version: articles.version, slug: articles.slug });
  return row;
}

/** The version that won a race, and who saved it. */
export async function getLatestSave({ db, id }: { db: Tx; id: string }) {
  const [row] = await db
    .select({ version: articles.version, updatedAt: articles.updatedAt, name: users.name })
    .from(articles)
    .leftJoin(users, eq(users.id, articles.updatedById))
    .where(eq(articles.id, id));
  return row;
}

/** Who is choosing a slug: the clashes they are told about are only with articles they can see. */
export type SlugViewer = { id: string; role: string };

/**
 * The articles whose slug `viewer` may be told is taken: a slug is reserved once an article is
 * first published, and only a clash the viewer can see counts (a published article, or one the
 * viewer may open in the newsroom). Without a viewer (the first publication), every reserved slug
 * counts. So a journalist gets the same answer whether or not someone else's unpublished piece
 * uses the slug: no existence oracle.
 */
function slugTakenFor(slug: string, { viewer, exceptId }: { viewer?: SlugViewer; exceptId?: string }): SQL {
  const visible = viewer ? visibleTo(viewer) : undefined;
  return and(
    eq(articles.slug, slug),
    isNotNull(articles.firstPublishedAt),
    exceptId ? ne(articles.id, exceptId) : undefined,
    visible ? or(eq(articles.status, "published"), visible) : undefined,
  )!;
}

export async function isSlugTaken({ db, slug, viewer, exceptId }: { db: Tx; slug: string; viewer?: SlugViewer; exceptId?: string }): Promise<boolean> {
  const clash = await db.select({ id: articles.id }).from(articles).where(slugTakenFor(slug, { viewer, exceptId })).limit(1);
  return clash.length > 0;
}
