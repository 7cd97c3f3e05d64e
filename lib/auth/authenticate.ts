import "server-only";
import { getDb } from "@/db";
import { getUserByEmail } from "@/db/queries/users";
import type { User } from "@/db/schema";
import { verifyPassword } from "./password";

export type AuthResult =
  | { ok: true; user: User }
  | { ok: false; code: "invalid" }
  | { ok: false; code: "rate_limited"; retryAt: Date };

/**
 * Checks an email and password. Unknown email, wrong password and deactivated account all
 * give the same answer after the same bcrypt work, so neither message nor timing tells them apart.
 */
export async function authenticate({ email, password }: { email: string; password: string; ip: string }): Promise<AuthResult> {
  const db = await getDb();
  const user = email ? await getUserByEmail({ db, email }) : undefined;
  const ok = await verifyPassword(password, user?.passwordHash);
  if (!ok || !user || !user.active) return { ok: false, code: "invalid" };
  return { ok: true, user };
}
