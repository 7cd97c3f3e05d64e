import "server-only";

import { and, asc, desc, inArray, type SQL } from "drizzle-orm";

import type { Tx } from "@/db";
import { visibleTo } from "@/db/queries/articles";
import { articles } from "@/db/schema";
import type { NewsroomScope } from "@/lib/permissions";
import type { ArticleStatus } from "@/lib/workflow/article-workflow";

/** The orders the dashboard lists use, by name, so callers need no SQL. */
const ORDERS = {
  /** Most recently touched first. */
  updated: [desc(articles.updatedAt)],
  /** The review queue: whoever waited longest first. */
  submitted: [asc(articles.submittedAt)],
  /** Soonest publication first. */
  scheduled: [asc(articles.scheduledAt), asc(articles.updatedAt)],
  /** Most recently published first. */
  published: [desc(articles.publishedUpdatedAt)],
} satisfies Record<string, SQL[]>;
export type DashboardOrder = keyof typeof ORDERS;

/** One dashboard list: only articles the user may see (or, with scope "own", only those they author). */
export async function listDashboardArticles({
  db,
  user,
  scope,
  statuses,
  order,
  limit = 30,
}: {
  db: Tx;
  user: { id: string; role: string };
  scope?: NewsroomScope;
  statuses: ArticleStatus[];
  order: DashboardOrder;
  limit?: number;
}) {
  return db
    .select({
      id: articles.id,
      headline: articles.headline,
      status: articles.status,
      updatedAt: articles.updatedAt,
      submittedAt: articles.submittedAt,
      scheduledAt: articles.scheduledAt,
      publishedUpdatedAt: articles.publishedUpdatedAt,
      hasUnpublishedChanges: articles.hasUnpublishedChanges,
    })
    .from(articles)
    .where(and(inArray(articles.status, statuses), visibleTo(user, scope)))
    .orderBy(...ORDERS[order])
    .limit(limit);
}

export type DashboardRow = Awaited<ReturnType<typeof listDashboardArticles>>[number];
