import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { events } from "@/db/schema";
import { createTestDb, type TestDb } from "@/lib/testing/db";
import { DEFAULT_SETTINGS, getSettings } from "./settings";
import { updateSettings } from "./settings-admin";

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(async () => t?.drop());

const admin = { id: "00000000-0000-4000-8000-000000000001", role: "admin" as const, active: true };
const valid = { siteName: "Le Quotidien", twoPersonRule: false, timeZone: "America/Montreal", defaultArticleLanguage: "fr-ca" };

describe("site settings", () => {
  it("only admins may change them, and a refusal changes nothing", async () => {
    for (const actor of [null, { ...admin, role: "editor" as const }, { ...admin, role: "journalist" as const }, { ...admin, active: false }]) {
      const r = await updateSettings(t.db, actor, valid);
      expect(r.ok).toBe(false);
    }
    expect(await getSettings(t.db)).toEqual(DEFAULT_SETTINGS);
  });

  it("refuses bad values at their field", async () => {
    const r = await updateSettings(t.db, admin, { ...valid, siteName: " ", timeZone: "Mars/Olympus", defaultArticleLanguage: "not a tag" });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(Object.keys(r.fieldErrors ?? {}).sort()).toEqual(["defaultArticleLanguage", "siteName", "timeZone"]);
    expect(await getSettings(t.db)).toEqual(DEFAULT_SETTINGS);
  });

  it("saves, canonicalises the language code and logs what changed", async () => {
    const r = await updateSettings(t.db, admin, valid);
    expect(r.ok).toBe(true);
    const stored = await getSettings(t.db);
    expect(stored).toMatchObject({ siteName: "Le Quotidien", twoPersonRule: false, timeZone: "America/Montreal", defaultArticleLanguage: "fr-CA" });
    const [event] = await t.db.select().from(events).where(eq(events.type, "settings.changed"));
    expect(event.data).toMatchObject({ twoPersonRule: { from: true, to: false } });
  });
});
