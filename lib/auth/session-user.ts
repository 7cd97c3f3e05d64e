import "server-only";

import type { Tx } from "@/db";
import { getUserById, updateUser } from "@/db/queries/users";
import { canGlobal } from "@/lib/permissions";
import type { Role } from "@/lib/roles";

export type CurrentUser = { id: string; email: string; name: string; role: Role; active: boolean };

/** What the signed session cookie claims: the user id and the sessionVersion it was issued for. */
export type SessionClaims = { uid?: string | null; sv?: number | null };

/**
 * The user a session stands for, as the database knows them now. A deactivated user, or a
 * session issued before the last role change, deactivation or password reset (sessionVersion),
 * no longer counts. Separate from cookies so tests can call it on a real database.
 */
export async function resolveSessionUser(db: Tx, claims: SessionClaims | null): Promise<CurrentUser | null> {
  if (!claims?.uid) return null;
  const user = await getUserById({ db, id: claims.uid });
  if (!user || !user.active) return null;
  if (claims.sv !== user.sessionVersion) return null;
  return { id: user.id, email: user.email, name: user.name, role: user.role, active: user.active };
}

/**
 * Ends every session of the signed-in user, this one included: the session version moves on, so
 * a cookie issued before (a copy captured on a shared computer, say) no longer counts. Used by
 * "Sign out" and by "Sign out everywhere" on the profile page. Only for oneself.
 */
export async function endOwnSessions(db: Tx, actor: CurrentUser | null): Promise<boolean> {
  if (!canGlobal(actor, "newsroom:enter").ok || !actor) return false;
  await updateUser({ db, id: actor.id, set: {}, endSessions: true });
  return true;
}
