/** Deactivation and demotion take effect on the very next request. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { insertUser } from "@/db/queries/users";
import { canGlobal } from "@/lib/permissions";
import { changeRole, setActive } from "@/lib/users/manage";
import { createTestDb, type TestDb } from "@/testing/db";

import { resolveOidcUser } from "./oidc";
import { endOwnSessions, resolveSessionUser } from "./session-user";

let t: TestDb;
const admin = { id: "", role: "admin" as const, active: true };
let editorId = "";

beforeAll(async () => {
  t = await createTestDb();
  admin.id = (await insertUser({ db: t.db, email: "boss@example.org", name: "Boss", role: "admin", passwordHash: null })).id;
  editorId = (await insertUser({ db: t.db, email: "ed@example.org", name: "Ed", role: "editor", passwordHash: null })).id;
});
afterAll(async () => t?.drop());

describe("sessions follow the database", () => {
  it("a demoted editor loses editor powers on the next request, keeping the session", async () => {
    const before = await resolveSessionUser(t.db, { uid: editorId, sv: 1 });
    expect(before?.role).toBe("editor");
    expect(canGlobal(before, "tags:manage").ok).toBe(true);
    expect((await changeRole(t.db, admin, { userId: editorId, role: "journalist" })).ok).toBe(true);
    const after = await resolveSessionUser(t.db, { uid: editorId, sv: 1 });
    expect(after?.role).toBe("journalist");
    expect(canGlobal(after, "tags:manage").ok).toBe(false);
  });

  it("a deactivated user is out on the next request, and reactivation does not revive old sessions", async () => {
    expect(await resolveSessionUser(t.db, { uid: editorId, sv: 1 })).not.toBeNull();
    expect((await setActive(t.db, admin, { userId: editorId, active: false })).ok).toBe(true);
    expect(await resolveSessionUser(t.db, { uid: editorId, sv: 1 })).toBeNull();
    expect((await setActive(t.db, admin, { userId: editorId, active: true })).ok).toBe(true);
    expect(await resolveSessionUser(t.db, { uid: editorId, sv: 1 })).toBeNull();
    expect(await resolveSessionUser(t.db, { uid: editorId, sv: 2 })).not.toBeNull();
  });

  it("rejects missing, malformed and unknown ids", async () => {
    expect(await resolveSessionUser(t.db, null)).toBeNull();
    expect(await resolveSessionUser(t.db, { uid: "not-a-uuid", sv: 1 })).toBeNull();
    expect(await resolveSessionUser(t.db, { uid: "00000000-0000-4000-8000-000000000000", sv: 1 })).toBeNull();
  });
});

describe("signing out ends the session", () => {
  it("a cookie captured before sign-out is refused after it; a new sign-in works", async () => {
    const reporter = await insertUser({ db: t.db, email: "rep@example.org", name: "Rep", role: "journalist", passwordHash: null });
    const captured = { uid: reporter.id, sv: reporter.sessionVersion };
    const me = await resolveSessionUser(t.db, captured);
    expect(me?.id).toBe(reporter.id);
    expect(await endOwnSessions(t.db, me)).toBe(true);
    expect(await resolveSessionUser(t.db, captured)).toBeNull();
    expect(await resolveSessionUser(t.db, { uid: reporter.id, sv: reporter.sessionVersion + 1 })).not.toBeNull();
  });

  it("without a valid session there is nothing to end", async () => {
    expect(await endOwnSessions(t.db, null)).toBe(false);
  });
});

describe("single sign-on (OIDC) never creates or revives accounts", () => {
  it("lets in only an existing, active user with a verified email", async () => {
    expect((await resolveOidcUser(t.db, { email: "BOSS@example.org", email_verified: true }))?.id).toBe(admin.id);
    expect(await resolveOidcUser(t.db, { email: "stranger@example.org", email_verified: true })).toBeNull();
    expect(await resolveOidcUser(t.db, { email: "boss@example.org", email_verified: false })).toBeNull();
    expect(await resolveOidcUser(t.db, { email: "" })).toBeNull();
    await setActive(t.db, admin, { userId: editorId, active: false });
    expect(await resolveOidcUser(t.db, { email: "ed@example.org", email_verified: true })).toBeNull();
  });
});
