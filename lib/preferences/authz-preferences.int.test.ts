import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { canEditPreferences } from "@/lib/permissions";
import { createTestDb, type TestDb } from "@/testing/db";
import { makeCast, type Cast } from "@/testing/workflow-fixtures";

import { DEFAULT_PREFERENCES, preferencesOf, updatePreferences } from "./preferences";

/**
 * Interface language and typography are personal: every role may change its own and nobody,
 * not even an admin, someone else's; a deactivated account changes nothing. A refusal writes nothing.
 */
let t: TestDb;
let cast: Cast;

beforeAll(async () => {
  t = await createTestDb();
  cast = await makeCast(t.db, "authz-prefs-");
}, 60_000);
afterAll(async () => t?.drop());

const ROLES = ["claire", "editor", "admin"] as const;

describe(`preferences: authorisation (${process.env.TEST_ENGINE ?? "pglite"})`, () => {
  it.each(ROLES)("%s may change their own preferences", async (who) => {
    const u = cast[who];
    expect(canEditPreferences(u, u.id).ok).toBe(true);
    const r = await updatePreferences(t.db, u, { userId: u.id, values: { interfaceLanguage: "en", typographyAsYouType: "" } });
    expect(r).toEqual({ ok: true, data: { interfaceLanguage: "en", typographyAsYouType: false } });
    expect(await preferencesOf(t.db, u.id)).toEqual({ interfaceLanguage: "en", typographyAsYouType: false });
  });

  it.each(ROLES)("%s may not change another person's preferences", async (who) => {
    const target = cast.yanis;
    const r = await updatePreferences(t.db, cast[who], { userId: target.id, values: { interfaceLanguage: "en", typographyAsYouType: "" } });
    expect(r).toMatchObject({ ok: false, code: "forbidden" });
    expect(await preferencesOf(t.db, target.id)).toEqual(DEFAULT_PREFERENCES);
  });

  it("a deactivated account or no one at all is refused", async () => {
    const gone = { ...cast.editor2, active: false };
    const r = await updatePreferences(t.db, gone, { userId: gone.id, values: { interfaceLanguage: "fr", typographyAsYouType: "on" } });
    expect(r).toMatchObject({ ok: false, code: "unauthenticated" });
    expect(canEditPreferences(null, gone.id)).toMatchObject({ ok: false, code: "unauthenticated" });
    expect(await preferencesOf(t.db, gone.id)).toEqual(DEFAULT_PREFERENCES);
  });

  it("an unknown language is refused at its field and nothing is saved", async () => {
    const u = cast.yanis;
    const r = await updatePreferences(t.db, u, { userId: u.id, values: { interfaceLanguage: "klingon", typographyAsYouType: "on" } });
    expect(r).toMatchObject({ ok: false, code: "invalid", fieldErrors: { interfaceLanguage: ["Choose French, English or the site language."] } });
    expect(await preferencesOf(t.db, u.id)).toEqual(DEFAULT_PREFERENCES);
  });

  it("the site language is kept as no choice, and a second save updates the first", async () => {
    const u = cast.editor;
    await updatePreferences(t.db, u, { userId: u.id, values: { interfaceLanguage: "fr", typographyAsYouType: "" } });
    await updatePreferences(t.db, u, { userId: u.id, values: { interfaceLanguage: "", typographyAsYouType: "on" } });
    expect(await preferencesOf(t.db, u.id)).toEqual({ interfaceLanguage: null, typographyAsYouType: true });
  });
});
