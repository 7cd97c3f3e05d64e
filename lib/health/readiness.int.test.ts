/** Readiness checks the database and the migrations; its details need READY_TOKEN. */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { createTestDb, type TestDb } from "@/testing/db";

import { checkReadiness, EXPECTED_MIGRATIONS, mayReadDetails } from "./readiness";

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(async () => t?.drop());

describe("readiness", () => {
  it("is ready with every committed migration applied, and not when one is missing or the database is down", async () => {
    const ok = await checkReadiness(async () => t);
    expect(ok.ready).toBe(true);
    expect(ok.details.migrations).toEqual({ applied: EXPECTED_MIGRATIONS, expected: EXPECTED_MIGRATIONS });
    expect(ok.details.engine).toBe(t.engine);
    await t.db.execute(sql`delete from drizzle.__drizzle_migrations where id = (select max(id) from drizzle.__drizzle_migrations)`);
    const pending = await checkReadiness(async () => t);
    expect(pending.ready).toBe(false);
    expect(pending.details.error).toBe("migrations pending");
    const down = await checkReadiness(async () => {
      throw new Error("connect ECONNREFUSED");
    });
    expect(down).toMatchObject({ ready: false, details: { error: "database unavailable" } });
  });

  it("gives details only for the configured bearer token", () => {
    expect(mayReadDetails("Bearer s3cret-token", "s3cret-token")).toBe(true);
    expect(mayReadDetails("bearer   s3cret-token", "s3cret-token")).toBe(true);
    for (const h of [null, "", "Bearer", "Bearer s3cret", "Bearer s3cret-tokenX", "Basic s3cret-token", "s3cret-token"])
      expect(mayReadDetails(h, "s3cret-token"), String(h)).toBe(false);
    // No token configured: nobody gets details.
    expect(mayReadDetails("Bearer ", "")).toBe(false);
    expect(mayReadDetails("Bearer undefined", undefined)).toBe(false);
  });
});
