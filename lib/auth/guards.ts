import "server-only";

import { forbidden } from "next/navigation";

import { canGlobal, type GlobalAction } from "@/lib/permissions";

import { requireUser } from "./session";
import type { CurrentUser } from "./session-user";

/** For newsroom pages reserved to some roles: signed out → login, signed in without the power → 403. */
export async function requirePower(action: GlobalAction, next: string): Promise<CurrentUser> {
  const user = await requireUser(next);
  if (!canGlobal(user, action).ok) forbidden();
  return user;
}
