import "server-only";

import { createHash, randomBytes } from "node:crypto";

import type { Tx } from "@/db";
import { insertEvent } from "@/db/queries/events";
import { getUnusedUserTokenForUpdate, getUserTokenWithUser, insertUserToken, markUserTokensUsed, markUserTokenUsed } from "@/db/queries/user-tokens";
import { updateUser } from "@/db/queries/users";
import { hashPassword } from "@/lib/auth/password";
import { beginTokenAttempt, markSuccess } from "@/lib/auth/rate-limit";

export const TOKEN_TTL_MS = 48 * 60 * 60_000;
export type TokenPurpose = "invite" | "reset";

/** Only this hash is stored: a database leak does not hand out working links. */
export function hashToken(raw: string): string {
  return createHash("sha256").update(raw).digest("hex");
}

/** A new one-time link for the user; any older unused link stops working. */
export async function issueToken(db: Tx, userId: string, purpose: TokenPurpose, now = new Date()): Promise<{ token: string; expiresAt: Date }> {
  const token = randomBytes(32).toString("base64url");
  const expiresAt = new Date(now.getTime() + TOKEN_TTL_MS);
  await markUserTokensUsed({ db, userId, usedAt: now });
  await insertUserToken({ db, tokenHash: hashToken(token), userId, purpose, expiresAt, createdAt: now });
  return { token, expiresAt };
}

export type TokenCheck = { ok: true; userId: string; email: string; name: string; purpose: TokenPurpose } | { ok: false; message: string };

const INVALID = "This link is not valid any more: it was already used, replaced by a newer one or has expired. Ask an admin for a new one.";

export async function inspectToken(db: Tx, token: string, now = new Date()): Promise<TokenCheck> {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return { ok: false, message: INVALID };
  const row = await getUserTokenWithUser({ db, tokenHash: hashToken(token) });
  if (!row || row.usedAt || row.expiresAt <= now || !row.active) return { ok: false, message: INVALID };
  return { ok: true, userId: row.userId, email: row.email, name: row.name, purpose: row.purpose };
}

/**
 * Sets the password and burns the link in one transaction. The link is looked up first (a
 * SHA-256 of it against an index, no bcrypt): a dead or made-up link costs no password hash.
 * The row lock means two tabs submitting the same link cannot both succeed. Older sessions of
 * the user end.
 */
export async function consumeToken(db: Tx, token: string, password: string, now = new Date()): Promise<TokenCheck> {
  const live = await inspectToken(db, token, now);
  if (!live.ok) return live;
  const passwordHash = await hashPassword(password);
  return db.transaction(async (tx) => {
    const locked = await getUnusedUserTokenForUpdate({ db: tx, tokenHash: hashToken(token) });
    if (!locked) return { ok: false, message: INVALID } as const;
    const check = await inspectToken(tx, token, now);
    if (!check.ok) return check;
    await markUserTokenUsed({ db: tx, tokenHash: locked.tokenHash, usedAt: now });
    await updateUser({ db: tx, id: check.userId, set: { passwordHash, updatedAt: now }, endSessions: true });
    await insertEvent({ db: tx, event: { type: "user.password_set", actorId: check.userId, subjectUserId: check.userId, data: { via: check.purpose } } });
    return check;
  });
}

/**
 * The set-password form, unauthenticated: limited per client address like sign-in (the same
 * table and mechanism, lib/auth/rate-limit.ts), so nobody can hammer it with made-up links.
 */
export async function setPasswordWithToken(
  db: Tx,
  input: { token: string; password: string; ip: string; now?: Date },
): Promise<TokenCheck | { ok: false; message: string; retryAt: Date }> {
  const now = input.now ?? new Date();
  const gate = await beginTokenAttempt(db, { ip: input.ip.slice(0, 100) || "unknown", now });
  if (!gate.ok) {
    const minutes = Math.max(1, Math.ceil((gate.retryAt.getTime() - now.getTime()) / 60_000));
    return {
      ok: false,
      message: `Too many attempts with links that do not work. Try again in ${minutes} minute${minutes > 1 ? "s" : ""}.`,
      retryAt: gate.retryAt,
    };
  }
  const r = await consumeToken(db, input.token, input.password, now);
  if (r.ok) await markSuccess(db, gate.attemptId, now);
  return r;
}
