import "server-only";

import type { Db } from "@/db";
import { claimDueScheduledArticle } from "@/db/queries/workflow";
import { expirePublicSite } from "@/lib/cache/revalidate";
import { now as clockNow } from "@/lib/clock";
import { logger } from "@/lib/observability/log.mjs";
import { applyTransition } from "@/lib/workflow/transitions";

export type ScheduledRun = { published: string[]; failed: string[] };

/**
 * Publishes every scheduled article whose time has come, however late (after downtime the
 * backlog goes out on the first run). Each article is claimed inside its own transaction with
 * FOR UPDATE SKIP LOCKED, and the transition itself is conditional on status = 'scheduled',
 * so two runners at once publish each article exactly once. The database is the only clock
 * of record: nothing is kept in memory between runs.
 */
export async function publishDueArticles(db: Db, opts: { now?: Date; limit?: number; revalidate?: () => void } = {}): Promise<ScheduledRun> {
  const run: ScheduledRun = { published: [], failed: [] };
  const limit = opts.limit ?? 50;
  while (run.published.length + run.failed.length < limit) {
    const now = opts.now ?? clockNow();
    let claimed: string | null = null;
    try {
      const result = await db.transaction(async (tx) => {
        const due = await claimDueScheduledArticle({ db: tx, now, skipIds: run.failed });
        if (!due) return null;
        claimed = due;
        return { id: due, ...(await applyTransition(tx, "system", { articleId: due, action: "publish_scheduled" }, now)) };
      });
      if (!result) break;
      if (result.outcome.ok) {
        run.published.push(result.id);
        if (result.changesPublicSite) (opts.revalidate ?? expirePublicSite)();
      } else {
        logger().error({ job: "scheduler", articleId: result.id, reason: result.outcome.message }, "scheduled publish refused");
        run.failed.push(result.id);
      }
    } catch (error) {
      logger().error({ job: "scheduler", articleId: claimed, err: error }, "scheduled publish failed");
      if (!claimed) break;
      run.failed.push(claimed);
    }
  }
  return run;
}
