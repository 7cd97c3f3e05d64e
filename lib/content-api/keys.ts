import "server-only";

import { createHash, randomBytes } from "node:crypto";

import type { Db, Tx } from "@/db";
import { insertApiKey, isRevokedApiKey, revokeApiKeyRow, spendApiKeyRequest } from "@/db/queries/api-keys";
import { insertEvent } from "@/db/queries/events";
import { canGlobal, type PolicyUser } from "@/lib/permissions";
import { withoutNul } from "@/lib/security/text";

/** Keys look like `nrk_` + 43 base64url characters (32 random bytes). */
const KEY_PREFIX = "nrk_";
export const RATE_WINDOW_MS = 60_000;

export const hashApiKey = (key: string) => createHash("sha256").update(key).digest("hex");

/** Requests a key may make per minute: API_RATE_LIMIT (default 300). */
export function apiRateLimit(env: Record<string, string | undefined> = process.env): number {
  const n = Number(env.API_RATE_LIMIT);
  return Number.isInteger(n) && n > 0 ? n : 300;
}

type Refusal = { ok: false; code: string; message: string; fieldErrors?: Record<string, string[]> };

/** Creates a key; the key itself is in the answer and nowhere else (only its hash is stored). */
export async function createApiKey(db: Db, actor: PolicyUser | null, input: { name: string }): Promise<{ ok: true; id: string; key: string } | Refusal> {
  const may = canGlobal(actor, "api_keys:manage");
  if (!may.ok) return { ok: false, code: may.code, message: may.reason };
  const name = withoutNul(input.name).trim();
  if (!name)
    return {
      ok: false,
      code: "invalid",
      message: "Please correct the highlighted fields.",
      fieldErrors: { name: ["Give the key a name, e.g. the app that uses it."] },
    };
  if (name.length > 100)
    return { ok: false, code: "invalid", message: "Please correct the highlighted fields.", fieldErrors: { name: ["At most 100 characters."] } };
  const key = KEY_PREFIX + randomBytes(32).toString("base64url");
  const id = await db.transaction(async (tx) => {
    const row = await insertApiKey({ db: tx, key: { name, prefix: key.slice(0, KEY_PREFIX.length + 6), tokenHash: hashApiKey(key), createdById: actor!.id } });
    await insertEvent({ db: tx, event: { type: "api_key.created", actorId: actor!.id, data: { keyId: row.id, name } } });
    return row.id;
  });
  return { ok: true, id, key };
}

export async function revokeApiKey(db: Db, actor: PolicyUser | null, id: string): Promise<{ ok: true } | Refusal> {
  const may = canGlobal(actor, "api_keys:manage");
  if (!may.ok) return { ok: false, code: may.code, message: may.reason };
  return db.transaction(async (tx) => {
    const row = await revokeApiKeyRow({ db: tx, id, at: new Date() });
    if (!row) return { ok: false, code: "not_found", message: "This key does not exist or is already revoked." } as const;
    await insertEvent({ db: tx, event: { type: "api_key.revoked", actorId: actor!.id, data: { keyId: id, name: row.name } } });
    return { ok: true } as const;
  });
}

export type KeyCheck =
  | { ok: true; keyId: string; limit: number; remaining: number; resetAt: Date }
  | { ok: false; status: 401 | 429; code: string; message: string; retryAfterSeconds?: number; limit?: number };

/** The `Authorization: Bearer …` of an API request: a live key within its rate limit. */
export async function checkApiKey(db: Tx, authorization: string | null, now = new Date()): Promise<KeyCheck> {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? "");
  if (!match) {
    return { ok: false, status: 401, code: "missing_key", message: "Send an API key in the Authorization header: `Authorization: Bearer <key>`." };
  }
  const tokenHash = hashApiKey(match[1]);
  const use = await spendApiKeyRequest({ db, tokenHash, now, windowMs: RATE_WINDOW_MS });
  if (!use) {
    return (await isRevokedApiKey({ db, tokenHash }))
      ? { ok: false, status: 401, code: "revoked_key", message: "This API key has been revoked. Ask an admin for a new one." }
      : { ok: false, status: 401, code: "invalid_key", message: "This API key is not valid." };
  }
  const limit = apiRateLimit();
  const resetAt = new Date(use.windowStart.getTime() + RATE_WINDOW_MS);
  if (use.windowCount > limit) {
    const retryAfterSeconds = Math.max(1, Math.ceil((resetAt.getTime() - now.getTime()) / 1000));
    return {
      ok: false,
      status: 429,
      code: "rate_limited",
      message: `This key made more than ${limit} requests in a minute. Retry in ${retryAfterSeconds} s.`,
      retryAfterSeconds,
      limit,
    };
  }
  return { ok: true, keyId: use.id, limit, remaining: limit - use.windowCount, resetAt };
}
