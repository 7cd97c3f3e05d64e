/**
 * Demo accounts never have passwords known from the source (anyone could read them and sign in):
 * random at each seed unless DEMO_PASSWORDS supplies them; kept owner-only beside the embedded
 * database; the old public passwords are retired at the next start.
 */
import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { getUserByEmail } from "@/db/queries/users";
import { users } from "@/db/schema";
import { authenticate } from "@/lib/auth/authenticate";
import { hashPassword } from "@/lib/auth/password";
import { createTestDb, type TestDb } from "@/testing/db";

import { DEMO_USERS } from "./content";
import { demoAccountsOnRestart, demoPasswords, demoPasswordsFile, saveDemoPasswords, seedDemo, type DemoCredential } from "./seed";

let t: TestDb;
let dir = "";
let credentials: DemoCredential[] = [];
const saved = process.env.DEMO_PASSWORDS;
let n = 0;
const ip = () => `192.0.2.${++n}`;

beforeAll(async () => {
  delete process.env.DEMO_PASSWORDS;
  t = await createTestDb();
  dir = mkdtempSync(path.join(tmpdir(), "demo-pw-"));
  const r = await seedDemo(t.db);
  expect(r.seeded).toBe(true);
  credentials = r.credentials;
});
afterAll(async () => {
  if (saved === undefined) delete process.env.DEMO_PASSWORDS;
  else process.env.DEMO_PASSWORDS = saved;
  rmSync(dir, { recursive: true, force: true });
  await t?.drop();
});

describe("demo account passwords", () => {
  it("are random, not the constants of earlier versions, and sign in", async () => {
    expect(credentials.map((c) => c.email)).toEqual(DEMO_USERS.map((u) => u.email));
    for (const [i, c] of credentials.entries()) {
      const key = DEMO_USERS[i].key;
      expect(c.password).not.toBe(`demo-${key}-pass`);
      expect(c.password).toMatch(/^[A-Za-z0-9]{4}(-[A-Za-z0-9]{4}){3}$/);
      expect((await authenticate(t.db, { email: c.email, password: c.password, ip: ip() })).ok).toBe(true);
      expect((await authenticate(t.db, { email: c.email, password: `demo-${key}-pass`, ip: ip() })).ok).toBe(false);
    }
    expect(new Set(credentials.map((c) => c.password)).size).toBe(credentials.length);
    // Another seed, another set.
    const again = demoPasswords();
    expect(credentials.some((c, i) => again.get(DEMO_USERS[i].key) === c.password)).toBe(false);
  });

  it("can be supplied (DEMO_PASSWORDS) for test harnesses; a bad value is a clear error", () => {
    const p = demoPasswords("admin=first-admin-password, editor=an-editor-password");
    expect(p.get("admin")).toBe("first-admin-password");
    expect(p.get("editor")).toBe("an-editor-password");
    expect(p.get("claire")).toMatch(/^[A-Za-z0-9]{4}-/);
    expect(() => demoPasswords("root=whatever-password")).toThrow(/not a demo account/);
    expect(() => demoPasswords("admin=short")).toThrow(/at least 10 characters/);
  });

  it("are kept owner-only beside the embedded database and shown again at restart while they still work", async () => {
    const file = demoPasswordsFile(path.join(dir, "pglite"));
    expect(file).toBe(path.join(dir, "pglite-demo-passwords.json"));
    saveDemoPasswords(file, credentials);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(file, "utf8"))).toEqual(Object.fromEntries(credentials.map((c) => [c.email, c.password])));

    // Claire changes her password: she is shown as changed, without one.
    const claire = (await getUserByEmail({ db: t.db, email: "claire@newsroom.test" }))!;
    await t.db
      .update(users)
      .set({ passwordHash: await hashPassword("claire's own password") })
      .where(eq(users.id, claire.id));
    const accounts = await demoAccountsOnRestart(t.db, file);
    expect(accounts.map((a) => [a.email, a.changed, a.renewed])).toEqual(DEMO_USERS.map((u) => [u.email, u.key === "claire", false]));
    expect(accounts.find((a) => a.email === "admin@newsroom.test")?.password).toBe(credentials[0].password);
    expect(accounts.find((a) => a.email === "claire@newsroom.test")?.password).toBe("");
  });

  it("a database seeded by an earlier version gets rid of the public passwords at the next start", async () => {
    const admin = (await getUserByEmail({ db: t.db, email: "admin@newsroom.test" }))!;
    await t.db
      .update(users)
      .set({ passwordHash: await hashPassword("demo-admin-pass") })
      .where(eq(users.id, admin.id));
    const accounts = await demoAccountsOnRestart(t.db, null);
    const renewed = accounts.find((a) => a.email === "admin@newsroom.test")!;
    expect(renewed).toMatchObject({ renewed: true, changed: false });
    expect(renewed.password).not.toBe("demo-admin-pass");
    expect((await authenticate(t.db, { email: admin.email, password: "demo-admin-pass", ip: ip() })).ok).toBe(false);
    expect((await authenticate(t.db, { email: admin.email, password: renewed.password, ip: ip() })).ok).toBe(true);
    // Sessions issued with the old password end.
    expect((await getUserByEmail({ db: t.db, email: admin.email }))!.sessionVersion).toBe(admin.sessionVersion + 1);
  });
});
