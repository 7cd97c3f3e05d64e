import "server-only";

import { sql } from "drizzle-orm";

import { queryRows, type Tx } from "@/db";

/** Scheduled articles whose time has come and the lag of the oldest (seconds; 0 when none). */
export async function getSchedulerBacklog({ db }: { db: Tx }): Promise<{ due: number; lagSeconds: number }> {
  const [row] = await queryRows<{ due: number; lag: number | string | null }>(
    db,
    sql`select count(*)::int as due, extract(epoch from (now() - min(scheduled_at)))::float8 as lag
        from articles where status = 'scheduled' and scheduled_at <= now()`,
  );
  return { due: row?.due ?? 0, lagSeconds: Math.max(0, Number(row?.lag ?? 0)) };
}

/**
 * Mail still to be sent (not sent, attempts left) and the age of the oldest (seconds; 0 when
 * none). `maxAttempts` is the worker's: a message that used them all is given up, not waiting.
 */
export async function getMailOutboxBacklog({ db, maxAttempts }: { db: Tx; maxAttempts: number }): Promise<{ pending: number; oldestSeconds: number }> {
  const [row] = await queryRows<{ pending: number; oldest: number | string | null }>(
    db,
    sql`select count(*)::int as pending, extract(epoch from (now() - min(created_at)))::float8 as oldest
        from email_outbox where sent_at is null and attempts < ${maxAttempts}`,
  );
  return { pending: row?.pending ?? 0, oldestSeconds: Math.max(0, Number(row?.oldest ?? 0)) };
}

/** Connections to this database opened under this connection's application name, by state (PostgreSQL only). */
export async function listConnectionsByState({ db }: { db: Tx }): Promise<{ state: string; n: number }[]> {
  return queryRows<{ state: string; n: number }>(
    db,
    sql`select coalesce(state, 'unknown') as state, count(*)::int as n from pg_stat_activity
        where datname = current_database() and application_name = current_setting('application_name')
        group by 1 order by 1`,
  );
}
