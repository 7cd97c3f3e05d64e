import "server-only";
import { and, desc, eq, gt, lt, ne, type SQL } from "drizzle-orm";
import type { Tx } from "@/db";
import { signInAttempts } from "@/db/schema";

/** product.md §8: after 5 failures within 15 minutes, per account and per IP address. */
export const MAX_FAILURES = 5;
export const WINDOW_MS = 15 * 60_000;

export type Gate = { ok: true; attemptId: string } | { ok: false; retryAt: Date };

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

/**
 * Registers a sign-in attempt as a failure *before* the password is checked, then counts the
 * others. Because every attempt is committed before it counts, two app instances racing on the
 * same account cannot both slip under the limit. A refused attempt is removed again so that
 * waiting until the announced time is enough.
 */
export async function beginAttempt(db: Tx, input: { email: string; ip: string; now?: Date }): Promise<Gate> {
  const now = input.now ?? new Date();
  const email = normalizeEmail(input.email);
  const [row] = await db
    .insert(signInAttempts)
    .values({ email, ip: input.ip, success: false, createdAt: now })
    .returning({ id: signInAttempts.id });
  const since = new Date(now.getTime() - WINDOW_MS);
  const [byAccount, byIp] = await Promise.all([
    oldestBlockingFailure(db, row.id, eq(signInAttempts.email, email), since, await lastSuccess(db, email)),
    oldestBlockingFailure(db, row.id, eq(signInAttempts.ip, input.ip), since, null),
  ]);
  const blockers = [byAccount, byIp].filter((d): d is Date => d !== null);
  if (blockers.length === 0) return { ok: true, attemptId: row.id };
  await db.delete(signInAttempts).where(eq(signInAttempts.id, row.id));
  const retryAt = new Date(Math.max(...blockers.map((d) => d.getTime())) + WINDOW_MS);
  return { ok: false, retryAt };
}

export const KEEP_ATTEMPTS_MS = 24 * 60 * 60_000;

/** Marks the attempt a success and, while at it, forgets attempts older than a day (no cron needed). */
export async function markSuccess(db: Tx, attemptId: string, now = new Date()): Promise<void> {
  await db.update(signInAttempts).set({ success: true }).where(eq(signInAttempts.id, attemptId));
  await db.delete(signInAttempts).where(lt(signInAttempts.createdAt, new Date(now.getTime() - KEEP_ATTEMPTS_MS)));
}

async function lastSuccess(db: Tx, email: string): Promise<Date | null> {
  const [row] = await db
    .select({ at: signInAttempts.createdAt })
    .from(signInAttempts)
    .where(and(eq(signInAttempts.email, email), eq(signInAttempts.success, true)))
    .orderBy(desc(signInAttempts.createdAt))
    .limit(1);
  return row?.at ?? null;
}

/**
 * The MAX_FAILURES-th most recent other failure in the window, if there are that many: the
 * attempt is refused until it leaves the window. A success on the account resets its count.
 */
async function oldestBlockingFailure(db: Tx, ownId: string, who: SQL, since: Date, after: Date | null): Promise<Date | null> {
  const rows = await db
    .select({ at: signInAttempts.createdAt })
    .from(signInAttempts)
    .where(
      and(who, ne(signInAttempts.id, ownId), eq(signInAttempts.success, false), gt(signInAttempts.createdAt, after && after > since ? after : since)),
    )
    .orderBy(desc(signInAttempts.createdAt))
    .limit(MAX_FAILURES);
  return rows.length >= MAX_FAILURES ? rows[MAX_FAILURES - 1].at : null;
}
