import "server-only";

import { sql } from "drizzle-orm";

import { queryRows, type Db } from "@/db";
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

type Row = { id: number; to: string; subject: string; text: string; attempts: number; userId: string | null; articleId: string | null };

/** Mail about an article leaves only if its recipient may still view it (removed co-author, deactivated user). */
async function stillAllowed(db: Db, row: Row): Promise<boolean> {
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
  const rows = await queryRows<Row>(
    db,
    sql`update email_outbox set next_attempt_at = ${iso(new Date(now.getTime() + LEASE_MS))}::timestamptz
        where id in (
          select id from email_outbox
          where sent_at is null and attempts < ${MAX_ATTEMPTS} and next_attempt_at <= ${iso(now)}::timestamptz
          order by id limit ${opts.batch ?? 20}
          for update skip locked)
        returning id, "to", subject, text, attempts, user_id as "userId", article_id as "articleId"`,
  );
  const report: DeliveryReport = { sent: 0, failed: 0 };
  for (const row of rows) {
    if (!(await stillAllowed(db, row))) {
      // Never retried: attempts at the maximum, and the reason kept for the operator.
      await db.execute(
        sql`update email_outbox set attempts = ${MAX_ATTEMPTS}, last_error = 'not sent: the recipient may no longer view this article' where id = ${row.id}`,
      );
      continue;
    }
    try {
      await transport.sendMail({ from, to: row.to, subject: row.subject, text: row.text });
      await db.execute(sql`update email_outbox set sent_at = ${iso(new Date())}::timestamptz, attempts = attempts + 1, last_error = null where id = ${row.id}`);
      report.sent++;
    } catch (error) {
      const attempts = row.attempts + 1;
      const next = new Date(Date.now() + retryDelayMs(attempts));
      await db.execute(
        sql`update email_outbox set attempts = ${attempts}, next_attempt_at = ${iso(next)}::timestamptz, last_error = ${String((error as Error).message ?? error).slice(0, 500)} where id = ${row.id}`,
      );
      report.failed++;
    }
  }
  return report;
}

// Raw SQL parameters: postgres-js does not serialise Date objects there, PGlite does; ISO text works in both.
const iso = (d: Date) => d.toISOString();

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
