import "server-only";
import type { Tx } from "@/db";
import { getUserByEmail } from "@/db/queries/users";
import type { User } from "@/db/schema";
import { verifyPassword } from "./password";
import { beginAttempt, markSuccess, normalizeEmail } from "./rate-limit";
import { withoutNul } from "@/lib/security/text";

export type AuthResult =
  | { ok: true; user: User }
  | { ok: false; code: "invalid" }
  | { ok: false; code: "rate_limited"; retryAt: Date };

export type Credentials = { email: string; password: string; ip: string; now?: Date };

/**
 * Checks an email and password. Unknown email, wrong password and deactivated account all
 * give the same answer after the same work (one lookup, one bcrypt comparison), so neither the
 * message nor the timing tells them apart. The rate limit is checked first and the same way for
 * every email, known or not.
 */
export async function authenticate(db: Tx, { email, password, ip, now }: Credentials): Promise<AuthResult> {
  const key = normalizeEmail(withoutNul(email)).slice(0, 320);
  const gate = await beginAttempt(db, { email: key, ip: ip.slice(0, 100) || "unknown", now });
  if (!gate.ok) return { ok: false, code: "rate_limited", retryAt: gate.retryAt };
  const user = key ? await getUserByEmail({ db, email: key }) : undefined;
  const ok = await verifyPassword(password, user?.passwordHash);
  if (!ok || !user || !user.active) return { ok: false, code: "invalid" };
  await markSuccess(db, gate.attemptId, now);
  return { ok: true, user };
}

/**
 * The client address for the per-IP limit: the rightmost X-Forwarded-For entry, i.e. the one
 * written by the nearest proxy (or by Next.js itself from the socket when there is none).
 */
export function clientIp(headers: Headers | undefined): string {
  const forwarded = headers?.get("x-forwarded-for");
  const last = forwarded?.split(",").map((s) => s.trim()).filter(Boolean).pop();
  return last || headers?.get("x-real-ip") || "unknown";
}
