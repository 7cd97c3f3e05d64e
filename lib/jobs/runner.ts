import "server-only";

import { getDb } from "@/db";
import { deliverDueMail } from "@/lib/mail/worker";
import { logger } from "@/lib/observability/log.mjs";
import { countSchedulerRun } from "@/server/metrics-bridge.mjs";

import { publishDueArticles } from "./scheduled-publish";

const g = globalThis as unknown as { __newsroomJobs?: { timer: NodeJS.Timeout } };

/**
 * Polls the database for due work (scheduled articles, queued mail). The interval only
 * decides how often to look: what is due lives in the database, so a restart, a missed tick
 * or a second instance changes nothing but who does the work.
 */
export function startJobRunner({ intervalMs = Number(process.env.JOBS_INTERVAL_MS || 15_000) } = {}): void {
  if (g.__newsroomJobs) return;
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      const db = await getDb();
      const { published } = await publishDueArticles(db);
      if (published.length) logger().info({ job: "scheduler", published: published.length }, "scheduler published articles");
      countSchedulerRun(published.length);
      await deliverDueMail(db);
    } catch (error) {
      logger().error({ job: "runner", err: error }, "job runner tick failed");
    } finally {
      running = false;
    }
  };
  const timer = setInterval(tick, intervalMs);
  timer.unref?.();
  g.__newsroomJobs = { timer };
  setTimeout(tick, 2_000).unref?.();
}
