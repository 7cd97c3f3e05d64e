import "server-only";
import { redirect } from "next/navigation";
import { cache } from "react";
import { auth } from "@/auth";
import { getDb } from "@/db";
import { getUserById } from "@/db/queries/users";
import type { Role } from "@/lib/roles";

export type CurrentUser = { id: string; email: string; name: string; role: Role; active: boolean };

/**
 * The signed-in user as the database knows them now: role and active status are re-read on
 * every request, and a session older than the user's sessionVersion no longer counts.
 */
export const getCurrentUser = cache(async (): Promise<CurrentUser | null> => {
  const session = await auth();
  const id = (session?.user as { id?: string } | undefined)?.id;
  if (!id) return null;
  const db = await getDb();
  const user = await getUserById({ db, id });
  if (!user || !user.active) return null;
  const sv = (session as { sv?: number }).sv;
  if (sv !== user.sessionVersion) return null;
  return { id: user.id, email: user.email, name: user.name, role: user.role, active: user.active };
});

/** For newsroom pages: signed-out (or deactivated) users go to the login page. */
export async function requireUser(next?: string): Promise<CurrentUser> {
  const user = await getCurrentUser();
  if (!user) redirect(next ? `/login?next=${encodeURIComponent(next)}` : "/login");
  return user;
}
