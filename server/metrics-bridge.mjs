// @ts-check
/**
 * What the app tells the metrics (server/metrics.mjs) and how the metrics ask the app: one
 * process-wide slot (lib/process-slot.mjs), because this file is loaded twice in the
 * one process (in Next's bundle and by Node for server/serve.mjs). The app counts events here
 * (sign-in failures, scheduler runs) and registers the function that reads the operational state
 * from its database (lib/observability/snapshot.ts); the server turns both into Prometheus
 * metrics when scraped. Without serve.mjs in front (`next dev`, tests) the counts simply stay here.
 */
import { processSlot } from "../lib/process-slot.mjs";

/**
 * @typedef {{
 *   engine: "postgres" | "pglite",
 *   dbPoolMax: number,
 *   dbConnections: Record<string, number>,
 *   dbPingSeconds: number,
 *   schedulerDue: number,
 *   schedulerLagSeconds: number,
 *   outboxes: Record<string, { pending: number, oldestSeconds: number }>,
 * }} OperationalSnapshot
 * @typedef {{
 *   signInFailures: Record<string, number>,
 *   schedulerRuns: number,
 *   schedulerPublished: number,
 *   schedulerLastRunSeconds: number,
 *   readSnapshot: (() => Promise<OperationalSnapshot>) | null,
 * }} Bridge
 */

/** @type {() => Bridge} */
export const metricsBridge = processSlot("newsroom.metricsBridge", () => ({
  signInFailures: {},
  schedulerRuns: 0,
  schedulerPublished: 0,
  schedulerLastRunSeconds: 0,
  readSnapshot: null,
}));

/** A refused sign-in, by reason ("invalid": wrong email or password; "rate_limited"). @param {string} reason */
export function countSignInFailure(reason) {
  const b = metricsBridge();
  b.signInFailures[reason] = (b.signInFailures[reason] ?? 0) + 1;
}

/** One finished run of the scheduler and how many articles it published. @param {number} published */
export function countSchedulerRun(published) {
  const b = metricsBridge();
  b.schedulerRuns++;
  b.schedulerPublished += published;
  b.schedulerLastRunSeconds = Date.now() / 1000;
}

/** @param {(() => Promise<OperationalSnapshot>) | null} read (null: none, as before the app registered one) */
export function registerSnapshotReader(read) {
  metricsBridge().readSnapshot = read;
}
