import "server-only";

import type { Tx } from "@/db";
import { listDashboardArticles, type DashboardOrder, type DashboardRow } from "@/db/queries/dashboard";
import type { Messages } from "@/lib/i18n/messages";
import { newsroomScope, type NewsroomScope, type PolicyUser } from "@/lib/permissions";

import type { ArticleStatus } from "./article-workflow";
import { durationParts, type DurationParts } from "./duration";

export type { DashboardRow };
type Words = Messages["dashboard"];
/** Title and empty-list text are catalogue keys (dashboard.sections.*, dashboard.empty.*), worded in the reader's language by the page. */
export type DashboardSection = { key: string; title: keyof Words["sections"]; rows: DashboardRow[]; empty: keyof Words["empty"] };

type User = Pick<PolicyUser, "id" | "role">;

/** Journalists see their own pipeline, editors the desk's (and, apart, their own drafts). */
export async function loadDashboard(db: Tx, user: User): Promise<DashboardSection[]> {
  const list = (statuses: ArticleStatus[], order: DashboardOrder, limit?: number, scope?: NewsroomScope) =>
    listDashboardArticles({ db, user, scope, statuses, order, limit });
  if (newsroomScope(user) === "own") {
    return Promise.all([
      section("drafts", "myDrafts", "drafts", list(["draft"], "updated")),
      section("changes", "changes", "changes", list(["changes_requested"], "updated")),
      section("review", "review", "review", list(["in_review"], "submitted")),
      section("approved", "approved", "approved", list(["approved", "scheduled"], "scheduled")),
      section("published", "published", "published", list(["published"], "published")),
    ]);
  }
  return Promise.all([
    section("queue", "queue", "queue", list(["in_review"], "submitted", 100)),
    section("approved", "approved", "approvedOrScheduled", list(["approved", "scheduled"], "scheduled", 100)),
    section("published", "recentlyPublished", "published", list(["published"], "published", 20)),
    section("drafts", "myDrafts", "myDrafts", list(["draft", "changes_requested"], "updated", undefined, "own")),
  ]);
}

async function section(
  key: string,
  title: DashboardSection["title"],
  empty: DashboardSection["empty"],
  rows: Promise<DashboardRow[]>,
): Promise<DashboardSection> {
  return { key, title, empty, rows: await rows };
}

/** How long an article has waited, as the parts of "2 h 05 min", "3 d 4 h" (workflow.duration). */
export function waitingTime(since: Date, now = new Date()): DurationParts {
  return durationParts(Math.max(0, Math.floor((now.getTime() - since.getTime()) / 60_000)));
}
