import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { events, sections, users } from "@/db/schema";
import type { PolicyUser } from "@/lib/permissions";
import { getSettings } from "@/lib/settings";
import { createTestDb, type TestDb } from "@/testing/db";
import { articleInState, makeCast, type Cast } from "@/testing/workflow-fixtures";

import { orderSectionBlocks, updateFrontPage } from "./front-page";

/**
 * Who may choose the front page (the lead story, the order of the section blocks): editors and
 * admins; journalists, deactivated accounts and nobody signed in may not, and a refusal stores
 * nothing. Bad input is refused at its field.
 */
let t: TestDb;
let cast: Cast & { gone: PolicyUser };
let published: string;
let draft: string;

beforeAll(async () => {
  t = await createTestDb();
  const c = await makeCast(t.db, "authz-front-");
  const [gone] = await t.db.insert(users).values({ email: "gone-front@example.test", name: "Gone", role: "editor", active: false }).returning();
  cast = { ...c, gone: { id: gone.id, role: "editor", active: false } };
  await t.db.insert(sections).values([
    { name: "Monde", slug: "monde", position: 0 },
    { name: "Sport", slug: "sport", position: 1 },
    { name: "Culture", slug: "culture", position: 2 },
  ]);
  published = await articleInState(t.db, { authorId: cast.claire.id, publisherId: cast.editor.id, status: "published" });
  draft = await articleInState(t.db, { authorId: cast.claire.id, publisherId: cast.editor.id, status: "draft" });
}, 60_000);
afterAll(async () => t?.drop());

const form = (lead: string) => ({ leadArticleId: lead, "position:monde": "3", "position:sport": "1", "position:culture": "2", "hidden:culture": "on" });

describe(`front page choices: authorisation (${process.env.TEST_ENGINE ?? "pglite"})`, () => {
  it("journalists, deactivated accounts and nobody signed in are refused, and nothing is stored", async () => {
    for (const actor of [cast.claire, cast.yanis, cast.gone, null]) {
      const r = await updateFrontPage(t.db, actor, form(published));
      expect(r).toMatchObject({ ok: false, code: "forbidden" });
    }
    expect((await getSettings(t.db)).frontPage).toEqual({ leadArticleId: null, sectionOrder: [], hiddenSections: [] });
  });

  it("editors and admins may pin a lead and order the sections; each change is logged", async () => {
    for (const actor of [cast.editor, cast.admin]) {
      const r = await updateFrontPage(t.db, actor, { ...form(published), leadArticleId: actor === cast.admin ? "" : published });
      expect(r.ok).toBe(true);
    }
    expect((await getSettings(t.db)).frontPage).toEqual({ leadArticleId: null, sectionOrder: ["sport", "culture", "monde"], hiddenSections: ["culture"] });
    const logged = await t.db.select().from(events).where(eq(events.type, "settings.changed"));
    expect(logged.map((e) => e.actorId)).toEqual([cast.editor.id, cast.admin.id]);
  });

  it("refuse an unpublished or unknown lead and a bad position at their field", async () => {
    const before = (await getSettings(t.db)).frontPage;
    for (const lead of [draft, "00000000-0000-4000-8000-000000000000", "not-an-id"]) {
      const r = await updateFrontPage(t.db, cast.editor, form(lead));
      expect(r).toMatchObject({ ok: false, code: "invalid", fieldErrors: { leadArticleId: [expect.stringContaining("not published")] } });
    }
    for (const bad of ["0", "-1", "abc", "100", ""]) {
      const r = await updateFrontPage(t.db, cast.editor, { ...form(published), "position:sport": bad });
      expect(r).toMatchObject({ ok: false, code: "invalid", fieldErrors: { "position:sport": [expect.any(String)] } });
    }
    expect((await getSettings(t.db)).frontPage).toEqual(before);
  });

  it("order the section blocks as chosen, unlisted sections after in menu order, hidden ones left out", () => {
    const blocks = ["a", "b", "c", "d"].map((slug) => ({ slug }));
    expect(orderSectionBlocks(blocks, { leadArticleId: null, sectionOrder: ["c", "a"], hiddenSections: ["d"] }).map((b) => b.slug)).toEqual(["c", "a", "b"]);
    expect(orderSectionBlocks(blocks, { leadArticleId: null, sectionOrder: [], hiddenSections: [] }).map((b) => b.slug)).toEqual(["a", "b", "c", "d"]);
  });
});
