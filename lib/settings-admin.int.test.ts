import { eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";

import { getPublicGeneration } from "@/db/queries/system";
import { events } from "@/db/schema";
import { createTestDb, type TestDb } from "@/testing/db";

import { defaultSettings, getSettings } from "./settings";
import { updateSettings } from "./settings-admin";

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(async () => t?.drop());

const admin = { id: "00000000-0000-4000-8000-000000000001", role: "admin" as const, active: true };
const valid = { siteName: "Le Quotidien", siteLanguage: "fr", twoPersonRule: false, timeZone: "America/Montreal", defaultArticleLanguage: "fr-ca" };

describe("site settings", () => {
  it("only admins may change them, and a refusal changes nothing", async () => {
    for (const actor of [null, { ...admin, role: "editor" as const }, { ...admin, role: "journalist" as const }, { ...admin, active: false }]) {
      const r = await updateSettings(t.db, actor, valid);
      expect(r.ok).toBe(false);
    }
    expect(await getSettings(t.db)).toEqual(defaultSettings());
  });

  it("refuses bad values at their field", async () => {
    const r = await updateSettings(t.db, admin, { ...valid, siteName: " ", timeZone: "Mars/Olympus", defaultArticleLanguage: "not a tag" });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(Object.keys(r.fieldErrors ?? {}).sort()).toEqual(["defaultArticleLanguage", "siteName", "timeZone"]);
    expect(await getSettings(t.db)).toEqual(defaultSettings());
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

describe("site language setting", () => {
  afterEach(() => vi.unstubAllEnvs());

  it("defaults to SITE_LANGUAGE when set, else French", async () => {
    vi.stubEnv("SITE_LANGUAGE", "");
    expect((await getSettings(t.db)).siteLanguage).toBe("fr");
    vi.stubEnv("SITE_LANGUAGE", "en");
    expect((await getSettings(t.db)).siteLanguage).toBe("en");
    vi.stubEnv("SITE_LANGUAGE", "de");
    expect((await getSettings(t.db)).siteLanguage).toBe("fr");
  });

  it("is refused to an editor and a journalist, and an unknown language is refused at its field", async () => {
    for (const role of ["editor", "journalist"] as const) {
      const r = await updateSettings(t.db, { ...admin, role }, { ...valid, siteLanguage: "en" });
      expect(r).toMatchObject({ ok: false, code: "forbidden" });
    }
    for (const siteLanguage of ["de", "", "EN", "en-GB", null]) {
      const r = await updateSettings(t.db, admin, { ...valid, siteLanguage });
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.fieldErrors).toEqual({ siteLanguage: ["Choose Français or English."] });
    }
    expect((await getSettings(t.db)).siteLanguage).toBe("fr");
  });

  it("an admin's change is what the getter returns, overrides SITE_LANGUAGE, moves the public generation and is logged", async () => {
    const before = await getPublicGeneration({ db: t.db });
    const r = await updateSettings(t.db, admin, { ...valid, siteLanguage: "en" });
    expect(r).toMatchObject({ ok: true, settings: { siteLanguage: "en" } });
    expect((await getSettings(t.db)).siteLanguage).toBe("en");
    vi.stubEnv("SITE_LANGUAGE", "fr");
    expect((await getSettings(t.db)).siteLanguage).toBe("en");
    // Public pages read the setting through the cache keyed on this counter: it must move.
    expect(await getPublicGeneration({ db: t.db })).toBeGreaterThan(before);
    const logged = await t.db.select().from(events).where(eq(events.type, "settings.changed"));
    expect(logged.map((e) => e.data)).toContainEqual({ siteLanguage: { from: "fr", to: "en" } });

    expect((await updateSettings(t.db, admin, { ...valid, siteLanguage: "fr" })).ok).toBe(true);
    expect((await getSettings(t.db)).siteLanguage).toBe("fr");
  });
});
