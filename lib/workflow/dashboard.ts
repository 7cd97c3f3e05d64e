import "server-only";

import type { Tx } from "@/db";
import { listDashboardArticles, type DashboardOrder, type DashboardRow } from "@/db/queries/dashboard";
import { newsroomScope, type NewsroomScope, type PolicyUser } from "@/lib/permissions";

import type { ArticleStatus } from "./article-workflow";

export type { DashboardRow };
export type DashboardSection = { key: string; title: string; rows: DashboardRow[]; empty: string };

type User = Pick<PolicyUser, "id" | "role">;

/** Journalists see their own pipeline, editors the desk's (and, apart, their own drafts). */
export async function loadDashboard(db: Tx, user: User): Promise<DashboardSection[]> {
  const list = (statuses: ArticleStatus[], order: DashboardOrder, limit?: number, scope?: NewsroomScope) =>
    listDashboardArticles({ db, user, scope, statuses, order, limit });
  if (newsroomScope(user) === "own") {
    return Promise.all([
      section("drafts", "My drafts", "No drafts.", list(["draft"], "updated")),
      section("changes", "Changes requested", "Nothing to rework.", list(["changes_requested"], "updated")),
      section("review", "In review", "Nothing waiting for an editor.", list(["in_review"], "submitted")),
      section("approved", "Approved and scheduled", "Nothing approved yet.", list(["approved", "scheduled"], "scheduled")),
      section("published", "Published", "Nothing published yet.", list(["published"], "published")),
    ]);
  }
  return Promise.all([
    section("queue", "Review queue", "The review queue is empty.", list(["in_review"], "submitted", 100)),
    section("approved", "Approved and scheduled", "Nothing approved or scheduled.", list(["approved", "scheduled"], "scheduled", 100)),
    section("published", "Recently published", "Nothing published yet.", list(["published"], "published", 20)),
    section("drafts", "My drafts", "No drafts of yours.", list(["draft", "changes_requested"], "updated", undefined, "own")),
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
