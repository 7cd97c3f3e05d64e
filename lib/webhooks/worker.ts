import "server-only";

import { Webhook } from "standardwebhooks";

import type { Db } from "@/db";
import { claimDueWebhookDeliveries, recordWebhookAttempt, type DueDelivery } from "@/db/queries/webhooks";

import { postWebhook, WEBHOOK_TIMEOUT_MS } from "./send";

export type WebhookReport = { delivered: number; failed: number; gaveUp: number };

/**
 * Back-off after the n-th failed attempt: 30 s, 2 min, 8 min, 32 min, 2 h 8 min, 8 h 32 min…
 * (×4 each time), and never past the delivery's 24 h window: the last try is at its end.
 */
export function webhookRetryDelayMs(attempts: number): number {
  return 30_000 * 4 ** Math.max(0, attempts - 1);
}

// A claimed delivery is leased this long (more than one attempt's timeout), so another instance leaves it alone.
const LEASE_MS = WEBHOOK_TIMEOUT_MS * 3;

/** Signs and sends one delivery: Standard Webhooks headers, a fresh timestamp per attempt, the same id. */
async function attempt(row: DueDelivery, timeoutMs: number) {
  const at = new Date();
  const signature = new Webhook(row.secret).sign(row.messageId, at, row.payload);
  const headers = { "webhook-id": row.messageId, "webhook-timestamp": String(Math.floor(at.getTime() / 1000)), "webhook-signature": signature };
  return { at, ...(await postWebhook(row.url, headers, row.payload, timeoutMs)) };
}

/**
 * Sends the due webhook deliveries (at least once: a delivery stays pending until an endpoint
 * answers 2xx or its 24 h window ends). Deliveries of a batch go out in parallel, so one slow
 * receiver costs the batch at most one timeout.
 */
export async function deliverDueWebhooks(db: Db, opts: { now?: Date; batch?: number; timeoutMs?: number } = {}): Promise<WebhookReport> {
  const now = opts.now ?? new Date();
  const rows = await claimDueWebhookDeliveries({ db, now, leaseUntil: new Date(now.getTime() + LEASE_MS), limit: opts.batch ?? 20 });
  const report: WebhookReport = { delivered: 0, failed: 0, gaveUp: 0 };
  await Promise.all(
    rows.map(async (row) => {
      const result = await attempt(row, opts.timeoutMs ?? WEBHOOK_TIMEOUT_MS);
      const ok = result.statusCode !== null && result.statusCode >= 200 && result.statusCode < 300;
      const error = ok ? null : (result.error ?? `answered ${result.statusCode}`);
      const next = new Date(Math.min(now.getTime() + webhookRetryDelayMs(row.attempts + 1), row.retryUntil.getTime()));
      const outcome = ok
        ? ({ status: "delivered" } as const)
        : now.getTime() >= row.retryUntil.getTime()
          ? ({ status: "failed" } as const)
          : ({ status: "pending", nextAttemptAt: next } as const);
      await recordWebhookAttempt({ db, id: row.id, attempt: { ...result, error }, outcome });
      if (ok) report.delivered++;
      else if (outcome.status === "failed") report.gaveUp++;
      else report.failed++;
    }),
  );
  return report;
}
