/** The first-run setup on a real database: one admin, however many submissions race, and closed for good afterwards. */
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { countUsers, insertUser } from "@/db/queries/users";
import { events, users } from "@/db/schema";
import { authenticate } from "@/lib/auth/authenticate";
import { hashPassword } from "@/lib/auth/password";
import { createTestDb, type TestDb } from "@/testing/db";

import { createFirstAdmin, firstRunOpen, insertFirstAdmin } from "./first-run";
import { firstAdminSchema } from "./validation";

const PASSWORD = "first-admin-password-1";
let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(async () => t?.drop());

describe("first-run setup", () => {
  it("is open on an empty database", async () => {
    expect(await countUsers({ db: t.db })).toBe(0);
    expect(await firstRunOpen(t.db)).toBe(true);
  });

  it("eight submissions at once create exactly one admin; the others are refused as after setup", async () => {
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) => createFirstAdmin(t.db, { name: `Admin ${i}`, email: `admin${i}@example.org`, password: PASSWORD })),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    for (const r of results.filter((r) => !r.ok)) expect(r).toMatchObject({ ok: false, code: "not_found" });
    const rows = await t.db.select({ email: users.email, role: users.role, active: users.active }).from(users);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ role: "admin", active: true });
    const created = await t.db.select({ type: events.type, data: events.data }).from(events).where(eq(events.type, "user.created"));
    expect(created).toEqual([{ type: "user.created", data: { via: "setup", role: "admin" } }]);
  });

  it("the admin signs in with the chosen password", async () => {
    const [admin] = await t.db.select({ email: users.email }).from(users);
    const r = await authenticate(t.db, { email: admin.email, password: PASSWORD, ip: "192.0.2.10" });
    expect(r.ok).toBe(true);
  });

  it("is closed for good: a forged submission afterwards is refused and writes nothing", async () => {
    expect(await firstRunOpen(t.db)).toBe(false);
    const r = await createFirstAdmin(t.db, { name: "Intruder", email: "intruder@example.org", password: PASSWORD });
    expect(r).toMatchObject({ ok: false, code: "not_found" });
    expect(await countUsers({ db: t.db })).toBe(1);
  });
});

describe("first-run setup: the tight race", () => {
  let race: TestDb;
  beforeAll(async () => {
    race = await createTestDb();
  });
  afterAll(async () => race?.drop());

  it("eight transactions started together (password already hashed) still make one admin", async () => {
    const passwordHash = await hashPassword(PASSWORD);
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) => insertFirstAdmin(race.db, { name: `Racer ${i}`, email: `racer${i}@example.org`, passwordHash })),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(await countUsers({ db: race.db })).toBe(1);
  });
});

describe("first-run setup on a database that already has people", () => {
  let other: TestDb;
  beforeAll(async () => {
    other = await createTestDb();
  });
  afterAll(async () => other?.drop());

  it("any account closes it, even one that is not an admin", async () => {
    await insertUser({ db: other.db, email: "reporter@example.org", name: "Reporter", role: "journalist", passwordHash: null });
    expect(await firstRunOpen(other.db)).toBe(false);
    expect(await createFirstAdmin(other.db, { name: "Late", email: "late@example.org", password: PASSWORD })).toMatchObject({ ok: false });
    expect(await countUsers({ db: other.db })).toBe(1);
  });
});

describe("the first-run form", () => {
  const valid = { name: "Ada Admin", email: "ada@example.org", password: PASSWORD, confirm: PASSWORD };
  const errorsOf = (input: Record<string, string>) => {
    const r = firstAdminSchema.safeParse(input);
    return r.success ? {} : Object.fromEntries(r.error.issues.map((i) => [i.path.join("."), i.message]));
  };

  it("names each wrong field", () => {
    expect(errorsOf(valid)).toEqual({});
    expect(errorsOf({ name: "", email: "", password: "", confirm: "" })).toEqual({
      name: "Enter a name.",
      email: "Enter a valid email address, like name@example.org.",
      password: "Use at least 10 characters.",
    });
    expect(errorsOf({ ...valid, confirm: "something else" })).toEqual({ confirm: "The two passwords differ." });
    expect(errorsOf({ ...valid, password: "é".repeat(40), confirm: "é".repeat(40) })).toEqual({
      password: "Use at most 72 bytes (about 70 plain characters).",
    });
  });
});
