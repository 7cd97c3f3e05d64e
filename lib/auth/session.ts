import "server-only";

import { redirect } from "next/navigation";
import { cache } from "react";

import { auth } from "@/auth";
import { getDb } from "@/db";

import { resolveSessionUser, type CurrentUser } from "./session-user";

export { resolveSessionUser, type CurrentUser, type SessionClaims } from "./session-user";

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
