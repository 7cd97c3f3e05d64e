import "server-only";

import { eq } from "drizzle-orm";

import type { Tx } from "@/db";
import { authorProfiles, type AuthorProfile } from "@/db/schema";

export async function getAuthorProfile({ db, userId }: { db: Tx; userId: string }): Promise<AuthorProfile | undefined> {
  const [row] = await db.select().from(authorProfiles).where(eq(authorProfiles.userId, userId)).limit(1);
  return row;
}

/** Whose profile answers at this slug, if anyone's. */
export async function getAuthorProfileBySlug({ db, slug }: { db: Tx; slug: string }): Promise<{ userId: string } | undefined> {
  const [row] = await db.select({ userId: authorProfiles.userId }).from(authorProfiles).where(eq(authorProfiles.slug, slug)).limit(1);
  return row;
}

export async function updateAuthorProfile({
  db,
  userId,
  set,
}: {
  db: Tx;
  userId: string;
  set: Partial<Omit<typeof authorProfiles.$inferInsert, "userId">>;
}): Promise<void> {
  await db.update(authorProfiles).set(set).where(eq(authorProfiles.userId, userId));
}
