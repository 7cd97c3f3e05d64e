"use server";

import { z } from "zod";

import { signOut } from "@/auth";
import { getDb } from "@/db";
import { authedAction } from "@/lib/actions/authed-action";
import type { ActionResult } from "@/lib/actions/result";
import { endOwnSessions } from "@/lib/auth/session-user";

/**
 * Signing out ends the session for good: the session version moves on, so a copy of the cookie
 * stops working too. Sessions are versioned per account, so this also signs the account out on
 * its other devices (the profile page says so next to "Sign out everywhere"). Already signed
 * out, there is nothing to end, and the answer is the sign-in page all the same.
 */
const endSessions = authedAction(z.unknown(), async (_none, user): Promise<ActionResult> => {
  await endOwnSessions(await getDb(), user);
  return { ok: true };
});

export async function signOutAction() {
  await endSessions(undefined);
  await signOut({ redirectTo: "/login" });
}

/** "Sign out everywhere" on the profile page: every device, this one included. */
export async function signOutEverywhereAction() {
  await endSessions(undefined);
  await signOut({ redirectTo: "/login?signed-out=everywhere" });
}
