import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { getUserByEmail } from "@/db/queries/users";
import { verifyPassword } from "@/lib/auth/password";
import { createTestDb, type TestDb } from "@/testing/db";

import { runUsersCli } from "./cli";

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(async () => t?.drop());

async function cli(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runUsersCli(argv, t.db, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out: out.join("\n"), err: err.join("\n") };
}

describe("users CLI", () => {
  it("creates a user with a generated password that works", async () => {
    const r = await cli("create", "--email", "Nadia@Example.org", "--name", "Nadia Haddad", "--role", "editor");
    expect(r.code).toBe(0);
    const password = /Password: (\S+)/.exec(r.out)?.[1];
    expect(password).toBeTruthy();
    const user = await getUserByEmail({ db: t.db, email: "nadia@example.org" });
    expect(user?.role).toBe("editor");
    expect(await verifyPassword(password!, user?.passwordHash)).toBe(true);
  });

  it("refuses a duplicate email whatever its case", async () => {
    const r = await cli("create", "--email", "NADIA@example.org", "--name", "Other", "--role", "journalist");
    expect(r.code).toBe(1);
    expect(r.err).toContain("already exists");
  });

  it("refuses an unknown role and a malformed email", async () => {
    const bad = await cli("create", "--email", "x@example.org", "--name", "X", "--role", "chief");
    expect(bad.code).toBe(1);
    expect(bad.err).toContain("--role");
    const malformed = await cli("create", "--email", "not-an-email", "--name", "X", "--role", "journalist");
    expect(malformed.code).toBe(1);
    expect(malformed.err).toContain("not a valid email");
    expect(await getUserByEmail({ db: t.db, email: "x@example.org" })).toBeUndefined();
  });

  it("lists, changes roles and deactivates", async () => {
    expect((await cli("set-role", "--email", "nadia@example.org", "--role", "admin")).code).toBe(0);
    expect((await cli("deactivate", "--email", "nadia@example.org")).code).toBe(0);
    const list = await cli("list");
    expect(list.out).toMatch(/Nadia@Example.org\tNadia Haddad\tadmin\tdeactivated/);
    expect((await cli("set-role", "--email", "nobody@example.org", "--role", "admin")).code).toBe(1);
    expect((await cli("frobnicate")).code).toBe(2);
  });
});
