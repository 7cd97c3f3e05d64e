import "server-only";

import type { Tx } from "@/db";
import { getUserByEmail } from "@/db/queries/users";
import type { User } from "@/db/schema";
import { withoutNul } from "@/lib/security/text";
import { CLIENT_ADDRESS_HEADER } from "@/server/client-address.mjs";
import { countSignInFailure } from "@/server/metrics-bridge.mjs";

import { verifyPassword } from "./password";
import { beginAttempt, markSuccess, normalizeEmail } from "./rate-limit";

export type AuthResult = { ok: true; user: User } | { ok: false; code: "invalid" } | { ok: false; code: "rate_limited"; retryAt: Date };

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
  if (!gate.ok) {
    countSignInFailure("rate_limited");
    return { ok: false, code: "rate_limited", retryAt: gate.retryAt };
  }
  const user = key ? await getUserByEmail({ db, email: key }) : undefined;
  const ok = await verifyPassword(password, user?.passwordHash);
  if (!ok || !user || !user.active) {
    countSignInFailure("invalid");
    return { ok: false, code: "invalid" };
  }
  await markSuccess(db, gate.attemptId, now);
  return { ok: true, user };
}

/**
 * The client address for the per-address limits: the one server/serve.mjs stamped from the
 * socket (or, with TRUST_PROXY, from the trusted proxies' X-Forwarded-For) after deleting any
 * client-supplied value. Client headers such as X-Forwarded-For are never read here. Without
 * serve.mjs in front (`next dev`), every request shares the address "unknown".
 */
export function clientIp(headers: Pick<Headers, "get"> | undefined): string {
  return headers?.get(CLIENT_ADDRESS_HEADER)?.trim().slice(0, 100) || "unknown";
}
