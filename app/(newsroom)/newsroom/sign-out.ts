"use server";

import { signOut } from "@/auth";
import { getDb } from "@/db";
import { getCurrentUser } from "@/lib/auth/session";
import { endOwnSessions } from "@/lib/auth/session-user";

/**
 * Signing out ends the session for good: the session version moves on, so a copy of the cookie
 * stops working too. Sessions are versioned per account, so this also signs the account out on
 * its other devices (the profile page says so next to "Sign out everywhere").
 */
export async function signOutAction() {
  await endOwnSessions(await getDb(), await getCurrentUser());
  await signOut({ redirectTo: "/login" });
}

/** "Sign out everywhere" on the profile page: every device, this one included. */
export async function signOutEverywhereAction() {
  await endOwnSessions(await getDb(), await getCurrentUser());
  await signOut({ redirectTo: "/login?signed-out=everywhere" });
}
