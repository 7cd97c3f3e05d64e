import "server-only";

import { and, desc, eq, isNull, sql } from "drizzle-orm";

import { queryRows, type Tx } from "@/db";
import { apiKeys, users } from "@/db/schema";

// Raw SQL parameters: postgres-js does not serialise Date objects there, PGlite does; ISO text works in both.
const iso = (d: Date) => d.toISOString();

export async function insertApiKey({
  db,
  key,
}: {
  db: Tx;
  key: { name: string; prefix: string; tokenHash: string; createdById: string };
}): Promise<{ id: string }> {
  const [row] = await db.insert(apiKeys).values(key).returning({ id: apiKeys.id });
  return row;
}

export async function listApiKeys({ db }: { db: Tx }) {
  return db
    .select({
      id: apiKeys.id,
      name: apiKeys.name,
      prefix: apiKeys.prefix,
      createdAt: apiKeys.createdAt,
      lastUsedAt: apiKeys.lastUsedAt,
      revokedAt: apiKeys.revokedAt,
      createdByName: users.name,
    })
    .from(apiKeys)
    .leftJoin(users, eq(users.id, apiKeys.createdById))
    .orderBy(desc(apiKeys.createdAt));
}

/** Revokes a live key; false when there is no such key or it was already revoked. */
export async function revokeApiKeyRow({ db, id, at }: { db: Tx; id: string; at: Date }): Promise<{ name: string } | undefined> {
  const [row] = await db
    .update(apiKeys)
    .set({ revokedAt: at })
    .where(and(eq(apiKeys.id, id), isNull(apiKeys.revokedAt)))
    .returning({ name: apiKeys.name });
  return row;
}

export type KeyUse = { id: string; windowStart: Date; windowCount: number };

/**
 * One statement per API request: finds the live key by its hash, marks it used and counts the
 * request in its fixed window (a new window starts when the old one is `windowMs` old). Atomic,
 * so every app instance shares the same count. Nothing when the key is unknown or revoked.
 *
 * Committed without waiting for the disk (`synchronous_commit = off`, for this statement's
 * transaction only): the count and `last_used_at` are bookkeeping, and an API request should not
 * wait on a WAL flush, whose time on a busy disk is the request's tail. The change is visible to
 * every other session at once (the rate limit and revocation stay exact); what a crash can lose is
 * the last fraction of a second of counts, never content. `set_config(…, true)` in the statement
 * itself: the setting is read at commit, and one statement is its own transaction.
 */
export async function spendApiKeyRequest({
  db,
  tokenHash,
  now,
  windowMs,
}: {
  db: Tx;
  tokenHash: string;
  now: Date;
  windowMs: number;
}): Promise<KeyUse | undefined> {
  const stale = sql`(window_start is null or window_start <= ${iso(now)}::timestamptz - make_interval(secs => ${windowMs / 1000}))`;
  const rows = await queryRows<{ id: string; windowStart: string | Date; windowCount: number }>(
    db,
    sql`update api_keys set last_used_at = ${iso(now)}::timestamptz,
          window_start = case when ${stale} then ${iso(now)}::timestamptz else window_start end,
          window_count = case when ${stale} then 1 else window_count + 1 end
        from (select set_config('synchronous_commit', 'off', true)) as no_flush_wait
        where token_hash = ${tokenHash} and revoked_at is null
        returning id, window_start as "windowStart", window_count as "windowCount"`,
  );
  const row = rows[0];
  return row && { id: row.id, windowStart: new Date(row.windowStart), windowCount: Number(row.windowCount) };
}

/** Whether a key with this hash exists but is revoked (to say so, instead of "unknown key"). */
export async function isRevokedApiKey({ db, tokenHash }: { db: Tx; tokenHash: string }): Promise<boolean> {
  const rows = await db.select({ revokedAt: apiKeys.revokedAt }).from(apiKeys).where(eq(apiKeys.tokenHash, tokenHash)).limit(1);
  return rows[0]?.revokedAt != null;
}
