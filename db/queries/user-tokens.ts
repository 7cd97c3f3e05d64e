import "server-only";

import { and, eq, isNull } from "drizzle-orm";

import type { Tx } from "@/db";
import { users, userTokens } from "@/db/schema";

/** Burns every unused link of the user (a new one replaces them). */
export async function markUserTokensUsed({ db, userId, usedAt }: { db: Tx; userId: string; usedAt: Date }): Promise<void> {
  await db
    .update(userTokens)
    .set({ usedAt })
    .where(and(eq(userTokens.userId, userId), isNull(userTokens.usedAt)));
}

export async function insertUserToken({ db, ...row }: { db: Tx } & typeof userTokens.$inferInsert): Promise<void> {
  await db.insert(userTokens).values(row);
}

/** The link with its user's name, address and whether they are active. */
export async function getUserTokenWithUser({ db, tokenHash }: { db: Tx; tokenHash: string }) {
  const [row] = await db
    .select({
      userId: userTokens.userId,
      purpose: userTokens.purpose,
      expiresAt: userTokens.expiresAt,
      usedAt: userTokens.usedAt,
      email: users.email,
      name: users.name,
      active: users.active,
    })
    .from(userTokens)
    .innerJoin(users, eq(users.id, userTokens.userId))
    .where(eq(userTokens.tokenHash, tokenHash))
    .limit(1);
  return row;
}

/** Locks the link's row if it is still unused: two submissions of one link queue here. */
export async function getUnusedUserTokenForUpdate({ db, tokenHash }: { db: Tx; tokenHash: string }) {
  const [row] = await db
    .select({ tokenHash: userTokens.tokenHash })
    .from(userTokens)
    .where(and(eq(userTokens.tokenHash, tokenHash), isNull(userTokens.usedAt)))
    .for("update");
  return row;
}

export async function markUserTokenUsed({ db, tokenHash, usedAt }: { db: Tx; tokenHash: string; usedAt: Date }): Promise<void> {
  await db.update(userTokens).set({ usedAt }).where(eq(userTokens.tokenHash, tokenHash));
}
