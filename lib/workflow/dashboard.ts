import "server-only";

import { and, asc, desc, inArray, type SQL } from "drizzle-orm";

import type { Tx } from "@/db";
import { visibleTo } from "@/db/queries/articles";
import { articles } from "@/db/schema";

import type { ArticleStatus } from "./article-workflow";

export type DashboardRow = Awaited<ReturnType<typeof dashboardList>>[number];

const columns = {
  id: articles.id,
  headline: articles.headline,
  status: articles.status,
  updatedAt: articles.updatedAt,
  submittedAt: articles.submittedAt,
  scheduledAt: articles.scheduledAt,
  publishedUpdatedAt: articles.publishedUpdatedAt,
  hasUnpublishedChanges: articles.hasUnpublishedChanges,
};

/** One dashboard list: only what the user may see (journalists: what they author). */
export async function dashboardList(db: Tx, user: { id: string; role: string }, statuses: ArticleStatus[], order: SQL[], limit = 30) {
  return db
    .select(columns)
    .from(articles)
    .where(and(inArray(articles.status, statuses), visibleTo(user)))
    .orderBy(...order)
    .limit(limit);
}

export type DashboardSection = { key: string; title: string; rows: DashboardRow[]; empty: string };

/** Journalists see their own pipeline, editors the desk's. */
export async function loadDashboard(db: Tx, user: { id: string; role: string }): Promise<DashboardSection[]> {
  const mine = { id: user.id, role: "journalist" };
  if (user.role === "journalist") {
    return Promise.all([
      section("drafts", "My drafts", "No drafts.", dashboardList(db, user, ["draft"], [desc(articles.updatedAt)])),
      section("changes", "Changes requested", "Nothing to rework.", dashboardList(db, user, ["changes_requested"], [desc(articles.updatedAt)])),
      section("review", "In review", "Nothing waiting for an editor.", dashboardList(db, user, ["in_review"], [asc(articles.submittedAt)])),
      section("approved", "Approved and scheduled", "Nothing approved yet.", dashboardList(db, user, ["approved", "scheduled"], [asc(articles.scheduledAt)])),
      section("published", "Published", "Nothing published yet.", dashboardList(db, user, ["published"], [desc(articles.publishedUpdatedAt)])),
    ]);
  }
  return Promise.all([
    section("queue", "Review queue", "The review queue is empty.", dashboardList(db, user, ["in_review"], [asc(articles.submittedAt)], 100)),
    section(
      "approved",
      "Approved and scheduled",
      "Nothing approved or scheduled.",
      dashboardList(db, user, ["approved", "scheduled"], [asc(articles.scheduledAt), asc(articles.updatedAt)], 100),
    ),
    section("published", "Recently published", "Nothing published yet.", dashboardList(db, user, ["published"], [desc(articles.publishedUpdatedAt)], 20)),
    section("drafts", "My drafts", "No drafts of yours.", dashboardList(db, mine, ["draft", "changes_requested"], [desc(articles.updatedAt)])),
  ]);
}

async function section(key: string, title: string, empty: string, rows: Promise<DashboardRow[]>): Promise<DashboardSection> {
  return { key, title, empty, rows: await rows };
}

/** "2 h 05 min", "3 d 4 h": how long an article has waited. */
export function waitingTime(since: Date, now = new Date()): string {
  const minutes = Math.max(0, Math.floor((now.getTime() - since.getTime()) / 60_000));
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return `${hours} h ${String(minutes % 60).padStart(2, "0")} min`;
  return `${Math.floor(hours / 24)} d ${hours % 24} h`;
}
