import "server-only";

import { getDb } from "@/db";
import { deliverDuePurges } from "@/lib/cdn/purge";
import { deliverDueMail } from "@/lib/mail/worker";
import { logger } from "@/lib/observability/log.mjs";
import { deliverDueWebhooks } from "@/lib/webhooks/worker";
import { countSchedulerRun } from "@/server/metrics-bridge.mjs";

import { publishDueArticles } from "./scheduled-publish";

const g = globalThis as unknown as { __newsroomJobs?: { timer: NodeJS.Timeout; purgeTimer: NodeJS.Timeout; webhookTimer: NodeJS.Timeout } };

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
  g.__newsroomJobs = { timer, purgeTimer: startPurgeLoop(), webhookTimer: startWebhookLoop() };
  setTimeout(tick, 2_000).unref?.();
}

/**
 * CDN purges in a loop of their own: a purge endpoint that hangs holds this loop only (until its
 * timeout), never scheduled publishing or mail. Frequent, because readers wait on it: a CDN
 * serves the old page until the purge lands.
 */
function startPurgeLoop(intervalMs = Number(process.env.CDN_PURGE_INTERVAL_MS || 1_000)): NodeJS.Timeout {
  let running = false;
  const timer = setInterval(async () => {
    if (running) return;
    running = true;
    try {
      const { failed } = await deliverDuePurges(await getDb());
      if (failed) console.error(`cdn purge: ${failed} queued purge(s) failed, retried later`);
    } catch (error) {
      console.error("cdn purge tick failed", error);
    } finally {
      running = false;
    }
  }, intervalMs);
  timer.unref?.();
  return timer;
}

/**
 * Webhook deliveries in a loop of their own too: a receiver that hangs holds this loop for at most
 * one request timeout (10 s), never publishing, mail or purges.
 */
function startWebhookLoop(intervalMs = Number(process.env.WEBHOOK_INTERVAL_MS || 2_000)): NodeJS.Timeout {
  let running = false;
  const timer = setInterval(async () => {
    if (running) return;
    running = true;
    try {
      const report = await deliverDueWebhooks(await getDb());
      if (report.failed || report.gaveUp) logger().warn({ job: "webhooks", ...report }, "webhook deliveries failed, retried later");
    } catch (error) {
      logger().error({ job: "webhooks", err: error }, "webhook tick failed");
    } finally {
      running = false;
    }
  }, intervalMs);
  timer.unref?.();
  return timer;
}
