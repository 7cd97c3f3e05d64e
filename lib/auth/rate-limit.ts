import "server-only";

import type { Tx } from "@/db";
import {
  deleteSignInAttempt,
  deleteSignInAttemptsBefore,
  getLastSuccessfulSignIn,
  insertSignInAttempt,
  listFailedSignInAttemptTimes,
  markSignInAttemptSucceeded,
} from "@/db/queries/sign-in-attempts";

/**
 * Sign-in locks after 5 failures within 15 minutes. Counted per account *and* address (so a
 * stranger's failures from elsewhere cannot lock a user out) and per address (one address
 * spraying many accounts), with a slower backstop per account across all addresses (so many
 * addresses do not give unlimited guesses at one password).
 */
export const MAX_FAILURES = 5;
export const WINDOW_MS = 15 * 60_000;
export const ACCOUNT_MAX_FAILURES = 50;
export const ACCOUNT_WINDOW_MS = 60 * 60_000;

export type Gate = { ok: true; attemptId: string } | { ok: false; retryAt: Date };

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** Whose failures a rule counts: an account, an address, or both together. */
type Rule = { who: { email?: string; ip?: string }; max: number; windowMs: number; after: Date | null };

/**
 * Registers an attempt as a failure *before* it is checked, then counts the others under each
 * rule. Because every attempt is committed before it counts, two app instances racing on the
 * same account cannot both slip under the limit. A refused attempt is removed again so that
 * waiting until the announced time is enough.
 */
async function gate(db: Tx, row: { email: string; ip: string; now: Date }, rules: (id: string) => Promise<Rule[]>): Promise<Gate> {
  const attemptId = await insertSignInAttempt({ db, email: row.email, ip: row.ip, createdAt: row.now });
  const blockers = (
    await Promise.all(
      (await rules(attemptId)).map(async (rule) => {
        const oldest = await oldestBlockingFailure(db, attemptId, rule, new Date(row.now.getTime() - rule.windowMs));
        return oldest ? oldest.getTime() + rule.windowMs : null;
      }),
    )
  ).filter((t): t is number => t !== null);
  if (blockers.length === 0) return { ok: true, attemptId };
  await deleteSignInAttempt({ db, id: attemptId });
  return { ok: false, retryAt: new Date(Math.max(...blockers)) };
}

/** A sign-in attempt on an account from an address. A success on the account resets its counts. */
export async function beginAttempt(db: Tx, input: { email: string; ip: string; now?: Date }): Promise<Gate> {
  const now = input.now ?? new Date();
  const email = normalizeEmail(input.email);
  const ip = input.ip;
  return gate(db, { email, ip, now }, async () => {
    const after = await getLastSuccessfulSignIn({ db, email });
    return [
      { who: { email, ip }, max: MAX_FAILURES, windowMs: WINDOW_MS, after },
      { who: { ip }, max: MAX_FAILURES, windowMs: WINDOW_MS, after: null },
      { who: { email }, max: ACCOUNT_MAX_FAILURES, windowMs: ACCOUNT_WINDOW_MS, after },
    ];
  });
}

// Set-password attempts share the table and the mechanism but not the counts: their address is
// stored with a prefix no sign-in address has (sign-in addresses come from the server, never
// from the form), and their "email" is a fixed marker.
const TOKEN_EMAIL = "(set-password)";
const tokenAddress = (ip: string) => `set-password ${ip}`;

/** A set-password (invitation or reset link) attempt from an address: MAX_FAILURES bad links per WINDOW_MS. */
export async function beginTokenAttempt(db: Tx, input: { ip: string; now?: Date }): Promise<Gate> {
  const ip = tokenAddress(input.ip);
  return gate(db, { email: TOKEN_EMAIL, ip, now: input.now ?? new Date() }, async () => [{ who: { ip }, max: MAX_FAILURES, windowMs: WINDOW_MS, after: null }]);
}

// Shared-preview openings share the table too, under their own address prefix: a guesser gets
// PREVIEW_MAX_FAILURES unknown tokens per WINDOW_MS from one address, then only 404s.
export const PREVIEW_MAX_FAILURES = 20;
const PREVIEW_EMAIL = "(shared-preview)";
const previewAddress = (ip: string) => `shared-preview ${ip}`;

/** The opening of a shared preview from an address; an opening that found a live link is marked a success. */
export async function beginPreviewAttempt(db: Tx, input: { ip: string; now?: Date }): Promise<Gate> {
  const ip = previewAddress(input.ip);
  return gate(db, { email: PREVIEW_EMAIL, ip, now: input.now ?? new Date() }, async () => [
    { who: { ip }, max: PREVIEW_MAX_FAILURES, windowMs: WINDOW_MS, after: null },
  ]);
}

export const KEEP_ATTEMPTS_MS = 24 * 60 * 60_000;

/** Marks the attempt a success and, while at it, forgets attempts older than a day (no cron needed). */
export async function markSuccess(db: Tx, attemptId: string, now = new Date()): Promise<void> {
  await markSignInAttemptSucceeded({ db, id: attemptId });
  await deleteSignInAttemptsBefore({ db, before: new Date(now.getTime() - KEEP_ATTEMPTS_MS) });
}

/**
 * The rule's max-th most recent other failure in its window, if there are that many: the
 * attempt is refused until it leaves the window.
 */
async function oldestBlockingFailure(db: Tx, ownId: string, rule: Rule, since: Date): Promise<Date | null> {
  const from = rule.after && rule.after > since ? rule.after : since;
  const times = await listFailedSignInAttemptTimes({ db, ...rule.who, exceptId: ownId, after: from, limit: rule.max });
  return times.length >= rule.max ? times[rule.max - 1] : null;
}
