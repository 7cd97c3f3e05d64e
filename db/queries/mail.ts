import "server-only";

import { sql } from "drizzle-orm";

import { queryRows, type Tx } from "@/db";
import { emailOutbox } from "@/db/schema";

export type OutboxRow = { id: number; to: string; subject: string; text: string; attempts: number; userId: string | null; articleId: string | null };

// Raw SQL parameters: postgres-js does not serialise Date objects there, PGlite does; ISO text works in both.
const iso = (d: Date) => d.toISOString();

export async function insertOutboxMails({ db, mails }: { db: Tx; mails: (typeof emailOutbox.$inferInsert)[] }): Promise<void> {
  await db.insert(emailOutbox).values(mails);
}

/**
 * Claims up to `limit` due, unsent rows below `maxAttempts` atomically (SKIP LOCKED) and leases
 * them until `leaseUntil`, so two app instances never send the same message at once.
 */
export async function claimDueOutboxMails({
  db,
  now,
  leaseUntil,
  maxAttempts,
  limit,
}: {
  db: Tx;
  now: Date;
  leaseUntil: Date;
  maxAttempts: number;
  limit: number;
}): Promise<OutboxRow[]> {
  return queryRows<OutboxRow>(
    db,
    sql`update email_outbox set next_attempt_at = ${iso(leaseUntil)}::timestamptz
        where id in (
          select id from email_outbox
          where sent_at is null and attempts < ${maxAttempts} and next_attempt_at <= ${iso(now)}::timestamptz
          order by id limit ${limit}
          for update skip locked)
        returning id, "to", subject, text, attempts, user_id as "userId", article_id as "articleId"`,
  );
}

/** Gives up on a row for good: attempts at the maximum, and the reason kept for the operator. */
export async function abandonOutboxMail({ db, id, attempts, reason }: { db: Tx; id: number; attempts: number; reason: string }): Promise<void> {
  await db.execute(sql`update email_outbox set attempts = ${attempts}, last_error = ${reason} where id = ${id}`);
}

export async function markOutboxMailSent({ db, id, sentAt }: { db: Tx; id: number; sentAt: Date }): Promise<void> {
  await db.execute(sql`update email_outbox set sent_at = ${iso(sentAt)}::timestamptz, attempts = attempts + 1, last_error = null where id = ${id}`);
}

export async function markOutboxMailFailed({
  db,
  id,
  attempts,
  nextAttemptAt,
  error,
}: {
  db: Tx;
  id: number;
  attempts: number;
  nextAttemptAt: Date;
  error: string;
}): Promise<void> {
  await db.execute(
    sql`update email_outbox set attempts = ${attempts}, next_attempt_at = ${iso(nextAttemptAt)}::timestamptz, last_error = ${error} where id = ${id}`,
  );
}
