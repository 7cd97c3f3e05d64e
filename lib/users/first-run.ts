import "server-only";

import type { Db, Tx } from "@/db";
import { insertEvent } from "@/db/queries/events";
import { countUsers, insertUser, lockFirstRunSetup } from "@/db/queries/users";
import { denied } from "@/lib/actions/result";
import { hashPassword } from "@/lib/auth/password";
import { canRunFirstSetup } from "@/lib/permissions";
import { withoutNul } from "@/lib/security/text";

import type { Result } from "./manage";

/** Whether the first-run page is offered: only while the database has no account at all. */
export async function firstRunOpen(db: Tx): Promise<boolean> {
  return canRunFirstSetup(await countUsers({ db })).ok;
}

/**
 * Creates the first admin of an empty newsroom (the first-run page).
 */
export async function createFirstAdmin(db: Db, raw: { name: string; email: string; password: string }): Promise<Result<{ userId: string }>> {
  const input = withoutNul(raw);
  // Refuse the common case (setup long done) before paying for a password hash.
  const early = canRunFirstSetup(await countUsers({ db }));
  if (!early.ok) return denied(early);
  return insertFirstAdmin(db, { name: input.name, email: input.email, passwordHash: await hashPassword(input.password) });
}

/**
 * The step that must happen once: two submissions at once (two browsers, or a forged request
 * racing the operator) queue on one lock and recount the accounts under it, so exactly one admin
 * is created and the other is refused like any request after setup.
 */
export async function insertFirstAdmin(db: Db, input: { name: string; email: string; passwordHash: string }): Promise<Result<{ userId: string }>> {
  return db.transaction(async (tx) => {
    await lockFirstRunSetup({ db: tx });
    const allowed = canRunFirstSetup(await countUsers({ db: tx }));
    if (!allowed.ok) return denied(allowed);
    const user = await insertUser({ db: tx, email: input.email, name: input.name, role: "admin", passwordHash: input.passwordHash });
    await insertEvent({ db: tx, event: { type: "user.created", subjectUserId: user.id, data: { via: "setup", role: "admin" } } });
    return { ok: true as const, data: { userId: user.id } };
  });
}
