import "server-only";

import type { Db } from "@/db";
import { insertEvent } from "@/db/queries/events";
import { getUserByEmail, getUserById, insertUser, listActiveAdminsForUpdate, updateUser } from "@/db/queries/users";
import type { User } from "@/db/schema";
import { denied } from "@/lib/actions/result";
import { canChangeUser, canGlobal, type PolicyUser } from "@/lib/permissions";
import type { Role } from "@/lib/roles";
import { withoutNul } from "@/lib/security/text";

import { issueToken } from "./tokens";

export type Result<T = undefined> = { ok: true; data: T } | { ok: false; code: string; message: string; fieldErrors?: Record<string, string[]> };

export type Issued = { userId: string; name: string; email: string; token: string; expiresAt: Date };

const refuse = (code: string, message: string, fieldErrors?: Record<string, string[]>) => ({ ok: false as const, code, message, fieldErrors });

/** Creates an account without a password and a one-time 48-hour link to choose one. */
export async function createUser(db: Db, actor: PolicyUser, raw: { name: string; email: string; role: Role }): Promise<Result<Issued>> {
  const input = withoutNul(raw);
  const allowed = canGlobal(actor, "users:manage");
  if (!allowed.ok) return denied(allowed);
  if (await getUserByEmail({ db, email: input.email })) {
    return refuse("invalid", "Please correct the highlighted fields.", { email: ["A user with this email already exists."] });
  }
  try {
    return await db.transaction(async (tx) => {
      const user = await insertUser({ db: tx, email: input.email, name: input.name, role: input.role, passwordHash: null });
      const { token, expiresAt } = await issueToken(tx, user.id, "invite");
      await insertEvent({ db: tx, event: { type: "user.created", actorId: actor.id, subjectUserId: user.id, data: { role: input.role, invited: true } } });
      return { ok: true as const, data: { userId: user.id, name: user.name, email: user.email, token, expiresAt } };
    });
  } catch (error) {
    // Two admins inviting the same address at once: the unique index decides.
    if (String((error as { cause?: { code?: string } }).cause?.code ?? (error as { code?: string }).code) === "23505") {
      return refuse("invalid", "Please correct the highlighted fields.", { email: ["A user with this email already exists."] });
    }
    throw error;
  }
}

/**
 * Role and status changes lock every active admin row first, so two admins demoting each other
 * at the same moment cannot leave the newsroom without one. A role change needs no new session:
 * the role is re-read from the database on every request. Deactivation bumps the session
 * version, so reactivating someone later does not revive the sessions they had.
 */
async function changeUser(db: Db, actor: PolicyUser, userId: string, change: { role?: Role; active?: boolean }): Promise<Result<User>> {
  return db.transaction(async (tx) => {
    const admins = await listActiveAdminsForUpdate({ db: tx });
    const target = await getUserById({ db: tx, id: userId });
    if (!target) return refuse("not_found", "This user does not exist.");
    const allowed = canChangeUser(actor, target, change, admins.length);
    if (!allowed.ok) return denied(allowed);
    const updated = (await updateUser({ db: tx, id: userId, set: { ...change, updatedAt: new Date() }, endSessions: change.active === false }))!;
    if (change.role !== undefined && change.role !== target.role) {
      await insertEvent({
        db: tx,
        event: { type: "user.role_changed", actorId: actor.id, subjectUserId: userId, data: { from: target.role, to: change.role } },
      });
    }
    if (change.active !== undefined && change.active !== target.active) {
      await insertEvent({ db: tx, event: { type: change.active ? "user.activated" : "user.deactivated", actorId: actor.id, subjectUserId: userId } });
    }
    return { ok: true as const, data: updated };
  });
}

export function changeRole(db: Db, actor: PolicyUser, input: { userId: string; role: Role }) {
  return changeUser(db, actor, input.userId, { role: input.role });
}

export function setActive(db: Db, actor: PolicyUser, input: { userId: string; active: boolean }) {
  return changeUser(db, actor, input.userId, { active: input.active });
}

/** The old password stops working at once; the user chooses a new one through a 48-hour link. */
export async function resetPassword(db: Db, actor: PolicyUser, input: { userId: string }): Promise<Result<Issued>> {
  const allowed = canGlobal(actor, "users:manage");
  if (!allowed.ok) return denied(allowed);
  return db.transaction(async (tx) => {
    const target = await getUserById({ db: tx, id: input.userId });
    if (!target) return refuse("not_found", "This user does not exist.");
    await updateUser({ db: tx, id: target.id, set: { passwordHash: null, updatedAt: new Date() }, endSessions: true });
    const { token, expiresAt } = await issueToken(tx, target.id, "reset");
    await insertEvent({ db: tx, event: { type: "user.password_reset", actorId: actor.id, subjectUserId: target.id } });
    return { ok: true as const, data: { userId: target.id, name: target.name, email: target.email, token, expiresAt } };
  });
}
