/** User management on a real database: admins only, the last-admin rule, one-time links, the event log. */
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { getUserByEmail, insertUser } from "@/db/queries/users";
import { events, userTokens } from "@/db/schema";
import { authenticate } from "@/lib/auth/authenticate";
import { createTestDb, type TestDb } from "@/testing/db";

import { changeRole, createUser, resetPassword, setActive } from "./manage";
import { consumeToken, hashToken, inspectToken, TOKEN_TTL_MS } from "./tokens";

let t: TestDb;
type Actor = { id: string; role: "admin" | "editor" | "journalist"; active: boolean };
const admin: Actor = { id: "", role: "admin", active: true };
const editor: Actor = { id: "", role: "editor", active: true };

beforeAll(async () => {
  t = await createTestDb();
  admin.id = (await insertUser({ db: t.db, email: "root@example.org", name: "Root", role: "admin", passwordHash: null })).id;
  editor.id = (await insertUser({ db: t.db, email: "desk@example.org", name: "Desk", role: "editor", passwordHash: null })).id;
});
afterAll(async () => t?.drop());

const eventsOf = async (userId: string) => (await t.db.select().from(events).where(eq(events.subjectUserId, userId))).map((e) => e.type);

describe("invitations", () => {
  let token = "";
  let userId = "";

  it("an editor cannot create users; nothing is written", async () => {
    const r = await createUser(t.db, editor, { name: "Nope", email: "nope@example.org", role: "journalist" });
    expect(r).toMatchObject({ ok: false, code: "forbidden" });
    expect(await getUserByEmail({ db: t.db, email: "nope@example.org" })).toBeUndefined();
  });

  it("an admin creates a journalist with a one-time link; only its hash is stored; the event is logged", async () => {
    const r = await createUser(t.db, admin, { name: "Léa Fournier", email: "lea@example.org", role: "journalist" });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    ({ token, userId } = r.data);
    expect(r.data.expiresAt.getTime() - Date.now()).toBeGreaterThan(TOKEN_TTL_MS - 60_000);
    const rows = await t.db.select().from(userTokens).where(eq(userTokens.userId, userId));
    expect(rows).toHaveLength(1);
    expect(rows[0].tokenHash).toBe(hashToken(token));
    expect(JSON.stringify(rows)).not.toContain(token);
    expect(await eventsOf(userId)).toContain("user.created");
    // No password yet: nothing signs in.
    expect((await authenticate(t.db, { email: "lea@example.org", password: "", ip: "t1" })).ok).toBe(false);
  });

  it("refuses a duplicate email whatever its case, at the field", async () => {
    const r = await createUser(t.db, admin, { name: "Other", email: "LEA@example.org", role: "editor" });
    expect(r).toMatchObject({ ok: false, fieldErrors: { email: ["A user with this email already exists."] } });
  });

  it("the link sets a password once, then is dead; an expired link never works", async () => {
    expect(await inspectToken(t.db, token)).toMatchObject({ ok: true, email: "lea@example.org", purpose: "invite" });
    expect((await consumeToken(t.db, token, "a brand new password")).ok).toBe(true);
    expect((await authenticate(t.db, { email: "lea@example.org", password: "a brand new password", ip: "t2" })).ok).toBe(true);
    expect((await consumeToken(t.db, token, "another password!")).ok).toBe(false);
    expect((await inspectToken(t.db, token)).ok).toBe(false);
    expect(await eventsOf(userId)).toContain("user.password_set");

    const reset = await resetPassword(t.db, admin, { userId });
    expect(reset.ok).toBe(true);
    if (!reset.ok) return;
    // The old password stops working at once.
    expect((await authenticate(t.db, { email: "lea@example.org", password: "a brand new password", ip: "t3" })).ok).toBe(false);
    const late = new Date(Date.now() + TOKEN_TTL_MS + 1000);
    expect((await consumeToken(t.db, reset.data.token, "too late password", late)).ok).toBe(false);
    expect((await consumeToken(t.db, reset.data.token, "in time password")).ok).toBe(true);
    expect(await eventsOf(userId)).toContain("user.password_reset");
  });

  it("a newer link replaces the older one, and a deactivated user's link does not work", async () => {
    const first = await resetPassword(t.db, admin, { userId });
    const second = await resetPassword(t.db, admin, { userId });
    if (!first.ok || !second.ok) throw new Error("reset failed");
    expect((await inspectToken(t.db, first.data.token)).ok).toBe(false);
    expect((await inspectToken(t.db, second.data.token)).ok).toBe(true);
    await setActive(t.db, admin, { userId, active: false });
    expect((await consumeToken(t.db, second.data.token, "should not work")).ok).toBe(false);
    await setActive(t.db, admin, { userId, active: true });
  });
});

describe("the last active admin", () => {
  it("cannot be demoted or deactivated, not even by themselves", async () => {
    expect(await changeRole(t.db, admin, { userId: admin.id, role: "editor" })).toMatchObject({ ok: false, code: "last_admin" });
    expect(await setActive(t.db, admin, { userId: admin.id, active: false })).toMatchObject({ ok: false, code: "last_admin" });
    const root = await getUserByEmail({ db: t.db, email: "root@example.org" });
    expect(root).toMatchObject({ role: "admin", active: true });
  });

  it("can step down once another admin exists; role changes and status changes are logged", async () => {
    expect((await changeRole(t.db, admin, { userId: editor.id, role: "admin" })).ok).toBe(true);
    expect((await changeRole(t.db, admin, { userId: admin.id, role: "editor" })).ok).toBe(true);
    expect(await eventsOf(editor.id)).toContain("user.role_changed");
    // Root is an editor now and manages nothing; the new admin restores them.
    const newAdmin: Actor = { ...editor, role: "admin" };
    expect((await changeRole(t.db, { ...admin, role: "editor" }, { userId: admin.id, role: "admin" })).ok).toBe(false);
    expect((await changeRole(t.db, newAdmin, { userId: admin.id, role: "admin" })).ok).toBe(true);
  });

  it("two admins demoting each other at the same moment leave one admin standing", async () => {
    const a: Actor = { ...admin };
    const b: Actor = { id: editor.id, role: "admin", active: true };
    const results = await Promise.all([changeRole(t.db, a, { userId: b.id, role: "journalist" }), changeRole(t.db, b, { userId: a.id, role: "journalist" })]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    const admins = [await getUserByEmail({ db: t.db, email: "root@example.org" }), await getUserByEmail({ db: t.db, email: "desk@example.org" })].filter(
      (u) => u?.role === "admin" && u.active,
    );
    expect(admins).toHaveLength(1);
  });

  it("deactivation is logged and refused to non-admins", async () => {
    const someone = (await insertUser({ db: t.db, email: "temp@example.org", name: "Temp", role: "journalist", passwordHash: null })).id;
    expect(await setActive(t.db, editor, { userId: someone, active: false })).toMatchObject({ ok: false });
    const admins = [await getUserByEmail({ db: t.db, email: "root@example.org" }), await getUserByEmail({ db: t.db, email: "desk@example.org" })];
    const current = admins.find((u) => u?.role === "admin")!;
    expect((await setActive(t.db, { id: current.id, role: "admin", active: true }, { userId: someone, active: false })).ok).toBe(true);
    expect(await eventsOf(someone)).toEqual(["user.deactivated"]);
  });
});
