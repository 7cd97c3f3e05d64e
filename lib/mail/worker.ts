import "server-only";

import type { Db } from "@/db";
import { abandonOutboxMail, claimDueOutboxMails, markOutboxMailFailed, markOutboxMailSent, type OutboxRow } from "@/db/queries/mail";
import { viewersOf } from "@/lib/notifications/store";

import { mailConfig } from "./config";

export type MailTransport = { sendMail: (m: { from: string; to: string; subject: string; text: string }) => Promise<unknown> };
export type DeliveryReport = { sent: number; failed: number };

export const MAX_ATTEMPTS = 8;
/** Back-off after the n-th failure: 30 s, 1 min, 2 min … capped at an hour. */
export function retryDelayMs(attempts: number): number {
  return Math.min(30_000 * 2 ** Math.max(0, attempts - 1), 3_600_000);
}
// A claimed row is leased for this long, so another instance does not send it meanwhile.
const LEASE_MS = 120_000;

/** Mail about an article leaves only if its recipient may still view it (removed co-author, deactivated user). */
async function stillAllowed(db: Db, row: OutboxRow): Promise<boolean> {
  if (!row.articleId || !row.userId) return true;
  return (await viewersOf(db, row.articleId, [row.userId])).length > 0;
}

/**
 * Sends due mail from the outbox. Rows are claimed atomically (SKIP LOCKED + a lease on
 * next_attempt_at), so two app instances never send the same message twice at once.
 */
export async function deliverDueMail(db: Db, opts: { transport?: MailTransport; from?: string; now?: Date; batch?: number } = {}): Promise<DeliveryReport> {
  const config = mailConfig();
  const transport = opts.transport ?? (config ? await smtpTransport(config.url) : null);
  if (!transport) return { sent: 0, failed: 0 };
  const from = opts.from ?? config?.from ?? "Newsroom <newsroom@localhost>";
  const now = opts.now ?? new Date();
  const rows = await claimDueOutboxMails({ db, now, leaseUntil: new Date(now.getTime() + LEASE_MS), maxAttempts: MAX_ATTEMPTS, limit: opts.batch ?? 20 });
  const report: DeliveryReport = { sent: 0, failed: 0 };
  for (const row of rows) {
    if (!(await stillAllowed(db, row))) {
      // Never retried: attempts at the maximum, and the reason kept for the operator.
      await abandonOutboxMail({ db, id: row.id, attempts: MAX_ATTEMPTS, reason: "not sent: the recipient may no longer view this article" });
      continue;
    }
    try {
      await transport.sendMail({ from, to: row.to, subject: row.subject, text: row.text });
      await markOutboxMailSent({ db, id: row.id, sentAt: new Date() });
      report.sent++;
    } catch (error) {
      const attempts = row.attempts + 1;
      const next = new Date(Date.now() + retryDelayMs(attempts));
      await markOutboxMailFailed({ db, id: row.id, attempts, nextAttemptAt: next, error: String((error as Error).message ?? error).slice(0, 500) });
      report.failed++;
    }
  }
  return report;
}

const transports = new Map<string, MailTransport>();

export async function smtpTransport(url: string): Promise<MailTransport> {
  let t = transports.get(url);
  if (!t) {
    const nodemailer = await import("nodemailer");
    // Short timeouts: a dead server must not hold the worker for minutes.
    t = nodemailer.createTransport(url, { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 20_000 }) as MailTransport;
    transports.set(url, t);
  }
  return t;
}
