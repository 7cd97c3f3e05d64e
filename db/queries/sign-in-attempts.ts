import "server-only";

import { and, desc, eq, gt, lt, ne } from "drizzle-orm";

import type { Tx } from "@/db";
import { signInAttempts } from "@/db/schema";

/** Every attempt is stored as a failure first; markSignInAttemptSucceeded turns it into a success. */
export async function insertSignInAttempt({ db, email, ip, createdAt }: { db: Tx; email: string; ip: string; createdAt: Date }): Promise<string> {
  const [inserted] = await db.insert(signInAttempts).values({ email, ip, success: false, createdAt }).returning({ id: signInAttempts.id });
  return inserted.id;
}

export async function deleteSignInAttempt({ db, id }: { db: Tx; id: string }): Promise<void> {
  await db.delete(signInAttempts).where(eq(signInAttempts.id, id));
}

export async function markSignInAttemptSucceeded({ db, id }: { db: Tx; id: string }): Promise<void> {
  await db.update(signInAttempts).set({ success: true }).where(eq(signInAttempts.id, id));
}

export async function deleteSignInAttemptsBefore({ db, before }: { db: Tx; before: Date }): Promise<void> {
  await db.delete(signInAttempts).where(lt(signInAttempts.createdAt, before));
}

export async function getLastSuccessfulSignIn({ db, email }: { db: Tx; email: string }): Promise<Date | null> {
  const [row] = await db
    .select({ at: signInAttempts.createdAt })
    .from(signInAttempts)
    .where(and(eq(signInAttempts.email, email), eq(signInAttempts.success, true)))
    .orderBy(desc(signInAttempts.createdAt))
    .limit(1);
  return row?.at ?? null;
}

/** The times of the latest failures after `after` by this email and/or address, newest first, other than `exceptId`. */
export async function listFailedSignInAttemptTimes({
  db,
  email,
  ip,
  exceptId,
  after,
  limit,
}: {
  db: Tx;
  email?: string;
  ip?: string;
  exceptId: string;
  after: Date;
  limit: number;
}): Promise<Date[]> {
  const rows = await db
    .select({ at: signInAttempts.createdAt })
    .from(signInAttempts)
    .where(
      and(
        email === undefined ? undefined : eq(signInAttempts.email, email),
        ip === undefined ? undefined : eq(signInAttempts.ip, ip),
        ne(signInAttempts.id, exceptId),
        eq(signInAttempts.success, false),
        gt(signInAttempts.createdAt, after),
      ),
    )
    .orderBy(desc(signInAttempts.createdAt))
    .limit(limit);
  return rows.map((r) => r.at);
}
