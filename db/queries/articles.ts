import "server-only";

import { and, asc, desc, eq, inArray, sql, type SQL } from "drizzle-orm";

import type { Tx } from "@/db";
import { articleAuthors, articles, users } from "@/db/schema";
import { newsroomScope, type NewsroomScope } from "@/lib/permissions";
import { isRole } from "@/lib/roles";
import type { ArticleStatus } from "@/lib/workflow/article-workflow";

/**
 * The articles a user may see in the newsroom, as a WHERE condition: lib/permissions decides the
 * scope (a role it does not know sees only its own), this only writes it in SQL. Pass `scope` to
 * narrow an editor's list to what they author.
 */
export function visibleTo(
  user: { id: string; role: string },
  scope: NewsroomScope = isRole(user.role) ? newsroomScope({ role: user.role }) : "own",
): SQL | undefined {
  if (scope === "all") return undefined;
  return sql`exists (select 1 from ${articleAuthors} where ${articleAuthors.articleId} = ${articles.id} and ${articleAuthors.userId} = ${user.id})`;
}

export async function listArticlesByStatus({
  db,
  user,
  statuses,
  order = "updated",
  limit = 50,
}: {
  db: Tx;
  user: { id: string; role: string };
  statuses: ArticleStatus[];
  order?: "updated" | "queue";
  limit?: number;
}) {
  return db
    .select({
      id: articles.id,
      headline: articles.headline,
      slug: articles.slug,
      status: articles.status,
      updatedAt: articles.updatedAt,
      submittedAt: articles.submittedAt,
      scheduledAt: articles.scheduledAt,
      firstPublishedAt: articles.firstPublishedAt,
      hasUnpublishedChanges: articles.hasUnpublishedChanges,
    })
    .from(articles)
    .where(and(inArray(articles.status, statuses), visibleTo(user)))
    .orderBy(order === "queue" ? asc(articles.submittedAt) : desc(articles.updatedAt))
    .limit(limit);
}

export async function getArticleAuthors({ db, articleId }: { db: Tx; articleId: string }) {
  return db
    .select({ id: users.id, name: users.name, position: articleAuthors.position })
    .from(articleAuthors)
    .innerJoin(users, eq(users.id, articleAuthors.userId))
    .where(eq(articleAuthors.articleId, articleId))
    .orderBy(asc(articleAuthors.position));
}

export async function getArticleById({ db, id }: { db: Tx; id: string }) {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return undefined;
  const rows = await db.select().from(articles).where(eq(articles.id, id)).limit(1);
  return rows[0];
}
