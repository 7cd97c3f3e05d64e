import "server-only";
import { redirect } from "next/navigation";
import { cache } from "react";
import { auth } from "@/auth";
import { getDb, type Tx } from "@/db";
import { getUserById } from "@/db/queries/users";
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

/** Re-read on every request (memoised within one render only). */
export const getCurrentUser = cache(async (): Promise<CurrentUser | null> => {
  const session = await auth();
  const uid = (session?.user as { id?: string } | undefined)?.id;
  if (!uid) return null;
  return resolveSessionUser(await getDb(), { uid, sv: (session as { sv?: number }).sv });
});

/** For newsroom pages: signed-out (or deactivated) users go to the login page. */
export async function requireUser(next?: string): Promise<CurrentUser> {
  const user = await getCurrentUser();
  if (!user) redirect(next ? `/login?next=${encodeURIComponent(next)}` : "/login");
  return user;
}
