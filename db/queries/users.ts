import "server-only";

import { and, asc, eq, sql } from "drizzle-orm";

import type { Tx } from "@/db";
import { authorProfiles, users, type NewUser, type User } from "@/db/schema";
import type { Role } from "@/lib/roles";
import { slugify } from "@/lib/slug";

export async function getUserByEmail({ db, email }: { db: Tx; email: string }): Promise<User | undefined> {
  const rows = await db
    .select()
    .from(users)
    .where(sql`lower(${users.email}) = lower(${email.trim()})`)
    .limit(1);
  return rows[0];
}

export async function getUserById({ db, id }: { db: Tx; id: string }): Promise<User | undefined> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return undefined;
  const rows = await db.select().from(users).where(eq(users.id, id)).limit(1);
  return rows[0];
}

export async function listUsers({ db }: { db: Tx }) {
  return db
    .select({ id: users.id, email: users.email, name: users.name, role: users.role, active: users.active, createdAt: users.createdAt })
    .from(users)
    .orderBy(asc(users.name));
}

/** Every account, whatever its role or status. */
export async function countUsers({ db }: { db: Tx }): Promise<number> {
  const [row] = await db.select({ count: sql<number>`count(*)::int` }).from(users);
  return Number(row?.count ?? 0);
}

/**
 * Held until the transaction ends: first-run setups run one after the other, so each sees
 * whether another has already created the first admin (two browsers submitting at once).
 */
export async function lockFirstRunSetup({ db }: { db: Tx }): Promise<void> {
  await db.execute(sql`select pg_advisory_xact_lock(hashtext('newsroom:first-run-setup'))`);
}

/** A profile slug that is free: the name with accents folded, then -2, -3… */
export async function freeProfileSlug({ db, name, exceptUserId }: { db: Tx; name: string; exceptUserId?: string }) {
  const base = slugify(name) || "auteur";
  for (let i = 1; ; i++) {
    const candidate = i === 1 ? base : `${base}-${i}`;
    const rows = await db.select({ userId: authorProfiles.userId }).from(authorProfiles).where(eq(authorProfiles.slug, candidate)).limit(1);
    if (!rows[0] || rows[0].userId === exceptUserId) return candidate;
  }
}

/** Creates a user and their author profile in one transaction. */
export async function insertUser({
  db,
  email,
  name,
  role,
  passwordHash,
  profile = {},
}: {
  db: Tx;
  email: string;
  name: string;
  role: Role;
  passwordHash: string | null;
  profile?: Partial<typeof authorProfiles.$inferInsert>;
}): Promise<User> {
  return db.transaction(async (tx) => {
    const [user] = await tx.insert(users).values({ email: email.trim(), name: name.trim(), role, passwordHash }).returning();
    const slug = profile.slug ?? (await freeProfileSlug({ db: tx, name }));
    await tx.insert(authorProfiles).values({ displayName: name.trim(), ...profile, userId: user.id, slug });
    return user;
  });
}

/** Every active admin, locked in id order so two admins changing each other serialise on the same rows. */
export async function listActiveAdminsForUpdate({ db }: { db: Tx }) {
  return db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.role, "admin"), eq(users.active, true)))
    .orderBy(users.id)
    .for("update");
}

/** endSessions moves the session version on, so every session issued before stops counting. */
export async function updateUser({
  db,
  id,
  set,
  endSessions = false,
}: {
  db: Tx;
  id: string;
  set: Partial<Pick<NewUser, "role" | "active" | "passwordHash" | "updatedAt">>;
  endSessions?: boolean;
}): Promise<User | undefined> {
  const [row] = await db
    .update(users)
    .set({ ...set, ...(endSessions ? { sessionVersion: sql`${users.sessionVersion} + 1` } : {}) })
    .where(eq(users.id, id))
    .returning();
  return row;
}
