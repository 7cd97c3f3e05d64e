/** Sections and tags on a real database: who may, duplicates, merge correctness, deletes refused while used. */
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { queryRows } from "@/db";
import { listSectionsWithUsage } from "@/db/queries/sections";
import { getSlugRedirectTarget } from "@/db/queries/slug-redirects";
import { listLiveTags } from "@/db/queries/tags";
import { articles, events, sections, tags } from "@/db/schema";
import { createArticle, makeLive, setArticleTags } from "@/lib/articles/store";
import { createTestDb, type TestDb } from "@/testing/db";
import { makeCast, type Cast } from "@/testing/workflow-fixtures";

import { createSection, deleteSection, moveSection, renameSection } from "./sections";
import { deleteTag, findTagByTyped, listTagsWithUsage, mergeTagInto, mergeTags, renameTag } from "./tags";

let t: TestDb;
let cast: Cast;

beforeAll(async () => {
  t = await createTestDb();
  cast = await makeCast(t.db, "tx-");
});
afterAll(async () => t?.drop());

const eventTypes = async () => (await t.db.select({ type: events.type }).from(events)).map((e) => e.type);
const count = async (q: ReturnType<typeof sql>) => Number((await queryRows<{ n: number }>(t.db, q))[0].n);

async function publishedArticle(tagNames: string[], sectionId: number | null = null) {
  const a = await createArticle(t.db, { createdById: cast.claire.id, headline: `Article ${Math.random()}`, tags: tagNames, sectionId });
  await t.db.transaction((tx) => makeLive(tx, a.id, { actorId: cast.editor.id }));
  return a;
}

describe("sections", () => {
  it("journalists may not create, rename, move or delete; nothing is written", async () => {
    const before = await count(sql`select count(*) as n from sections`);
    expect(await createSection(t.db, cast.claire, { name: "Sport" })).toMatchObject({ ok: false, code: "forbidden" });
    const [any] = await t.db.select().from(sections).limit(1);
    const id = any?.id ?? 1;
    expect(await renameSection(t.db, cast.claire, { id, name: "X" })).toMatchObject({ ok: false, code: "forbidden" });
    expect(await moveSection(t.db, cast.claire, { id, direction: "up" })).toMatchObject({ ok: false, code: "forbidden" });
    expect(await deleteSection(t.db, cast.claire, { id })).toMatchObject({ ok: false, code: "forbidden" });
    expect(await createSection(t.db, { ...cast.editor, active: false }, { name: "Sport" })).toMatchObject({ ok: false, code: "unauthenticated" });
    expect(await count(sql`select count(*) as n from sections`)).toBe(before);
  });

  it("an editor creates sections with folded slugs, last in order; duplicates are refused at the field", async () => {
    const r = await createSection(t.db, cast.editor, { name: "Économie & Société" });
    expect(r).toMatchObject({ ok: true, data: { slug: "economie-societe" } });
    const r2 = await createSection(t.db, cast.admin, { name: "Culture" });
    expect(r2.ok).toBe(true);
    const list = await listSectionsWithUsage({ db: t.db });
    expect(list.at(-1)?.name).toBe("Culture");
    for (const name of ["economie société", "CULTURE", "Économie-Société"]) {
      expect(await createSection(t.db, cast.editor, { name })).toMatchObject({
        ok: false,
        code: "duplicate",
        fieldErrors: { name: ["A section with this name already exists."] },
      });
    }
    expect(await createSection(t.db, cast.editor, { name: "!!!" })).toMatchObject({ ok: false, fieldErrors: { name: ["Use at least one letter or digit."] } });
    expect(await eventTypes()).toContain("section.created");
  });

  it("rename keeps the slug; a name taken by another section is refused", async () => {
    const [eco] = await t.db.select().from(sections).where(eq(sections.slug, "economie-societe"));
    expect(await renameSection(t.db, cast.editor, { id: eco.id, name: "Société" })).toMatchObject({
      ok: true,
      data: { name: "Société", slug: "economie-societe" },
    });
    expect(await renameSection(t.db, cast.editor, { id: eco.id, name: "culture" })).toMatchObject({ ok: false, code: "duplicate" });
    expect(await renameSection(t.db, cast.editor, { id: 999999, name: "Nope" })).toMatchObject({ ok: false, code: "not_found" });
    expect(await eventTypes()).toContain("section.renamed");
  });

  it("moves up and down swap neighbours; positions stay distinct; the ends are no-ops", async () => {
    const before = (await listSectionsWithUsage({ db: t.db })).map((s) => s.id);
    const last = before.at(-1)!;
    expect(await moveSection(t.db, cast.editor, { id: last, direction: "up" })).toMatchObject({ ok: true, data: { moved: true } });
    const after = (await listSectionsWithUsage({ db: t.db })).map((s) => s.id);
    expect(after).toEqual([...before.slice(0, -2), last, before.at(-2)]);
    expect(await moveSection(t.db, cast.editor, { id: after[0], direction: "up" })).toMatchObject({ ok: true, data: { moved: false } });
    const positions = (await listSectionsWithUsage({ db: t.db })).map((s) => s.position);
    expect(new Set(positions).size).toBe(positions.length);
  });

  it("delete is refused while an article (working copy or live revision) uses the section", async () => {
    const created = await createSection(t.db, cast.editor, { name: "Éphémère" });
    if (!created.ok) throw new Error(created.message);
    const a = await publishedArticle([], created.data.id);
    expect((await listSectionsWithUsage({ db: t.db })).find((s) => s.id === created.data.id)?.articles).toBe(1);
    expect(await deleteSection(t.db, cast.editor, { id: created.data.id })).toMatchObject({
      ok: false,
      code: "in_use",
      message: expect.stringContaining("1 article"),
    });
    // Moved out of the working copy, still live in the section: still refused.
    await t.db.update(articles).set({ sectionId: null }).where(eq(articles.id, a.id));
    expect(await deleteSection(t.db, cast.editor, { id: created.data.id })).toMatchObject({ ok: false, code: "in_use" });
    const empty = await createSection(t.db, cast.editor, { name: "Vide" });
    if (!empty.ok) throw new Error(empty.message);
    expect(await deleteSection(t.db, cast.editor, { id: empty.data.id })).toMatchObject({ ok: true });
    expect(await t.db.select().from(sections).where(eq(sections.id, empty.data.id))).toHaveLength(0);
    expect(await eventTypes()).toContain("section.deleted");
  });
});

describe("tags", () => {
  it("journalists may not rename, merge or delete tags", async () => {
    const a = await publishedArticle(["Interdit"]);
    void a;
    const tag = (await findTagByTyped(t.db, "interdit"))!;
    expect(await renameTag(t.db, cast.yanis, { id: tag.id, name: "Autre" })).toMatchObject({ ok: false, code: "forbidden" });
    expect(await mergeTags(t.db, cast.yanis, { id: tag.id, intoId: tag.id + 1 })).toMatchObject({ ok: false, code: "forbidden" });
    expect(await deleteTag(t.db, cast.yanis, { id: tag.id })).toMatchObject({ ok: false, code: "forbidden" });
    expect((await findTagByTyped(t.db, "interdit"))?.name).toBe("Interdit");
  });

  it("lists usage counts (working copies and live) and finds tags without accents", async () => {
    await publishedArticle(["#CybersécuritéFrançaise", "Chine"]);
    const { rows, total } = await listTagsWithUsage(t.db, { query: "cybersecurite" });
    expect(total).toBe(1);
    expect(rows[0]).toMatchObject({ name: "CybersécuritéFrançaise", slug: "cybersecurite-francaise", working: 1, live: 1 });
    expect((await listTagsWithUsage(t.db, { query: "100%" })).total).toBe(0);
  });

  it("rename follows the slug; a name folding onto another tag is refused with a merge offer", async () => {
    const chine = (await findTagByTyped(t.db, "Chine"))!;
    const cyber = (await findTagByTyped(t.db, "cybersecurite francaise"))!;
    expect(await renameTag(t.db, cast.editor, { id: cyber.id, name: "#chine" })).toMatchObject({
      ok: false,
      code: "duplicate",
      mergeInto: { id: chine.id, name: "Chine" },
    });
    expect(await renameTag(t.db, cast.editor, { id: cyber.id, name: "Cybersécurité" })).toMatchObject({
      ok: true,
      data: { slug: "cybersecurite", oldSlug: "cybersecurite-francaise" },
    });
    // Case only: same slug, new display name.
    expect(await renameTag(t.db, cast.editor, { id: chine.id, name: "CHINE" })).toMatchObject({ ok: true, data: { slug: "chine" } });
    expect(await eventTypes()).toContain("tag.renamed");
  });

  it("merge moves working and live uses without duplicates, in order, then deletes the merged tag", async () => {
    const both = await publishedArticle(["Pékin", "Taïwan", "Chine"]);
    const onlyA = await publishedArticle(["Taïwan", "Pekin"]);
    await setArticleTags(t.db, onlyA.id, ["Pékin", "Énergie"]); // working copy differs from the live one
    const pekin = (await findTagByTyped(t.db, "pekin"))!;
    const chine = (await findTagByTyped(t.db, "chine"))!;
    const chineBefore = (await listTagsWithUsage(t.db, { query: "chine" })).rows.find((r) => r.id === chine.id)!;
    const r = await mergeTagInto(t.db, cast.editor, { id: pekin.id, into: "#Chine" });
    expect(r).toMatchObject({ ok: true, data: { into: { id: chine.id }, working: 1, live: 1, articles: 2 } });
    expect(await findTagByTyped(t.db, "pekin")).toBeUndefined();
    const chineAfter = (await listTagsWithUsage(t.db, { query: "chine" })).rows.find((r) => r.id === chine.id)!;
    expect(chineAfter.working).toBe(chineBefore.working + 1);
    expect(chineAfter.live).toBe(chineBefore.live + 1);
    expect(await count(sql`select count(*) as n from article_tags where tag_id = ${pekin.id}`)).toBe(0);
    expect(await count(sql`select count(*) as n from (select article_id from published_article_tags group by article_id, tag_id having count(*) > 1) d`)).toBe(
      0,
    );
    const live = await listLiveTags({ db: t.db, articleIds: [both.id, onlyA.id] });
    expect(live.get(both.id)!.map((x) => x.slug)).toEqual(["taiwan", "chine"]);
    expect(live.get(onlyA.id)!.map((x) => x.slug)).toEqual(["taiwan", "chine"]);
    expect(await eventTypes()).toContain("tag.merged");
  });

  it("old tag addresses follow renames and merges (chains resolve to the current slug)", async () => {
    await publishedArticle(["Élections", "Sondages"]);
    const elections = (await findTagByTyped(t.db, "elections"))!;
    const sondages = (await findTagByTyped(t.db, "sondages"))!;
    expect(await getSlugRedirectTarget({ db: t.db, kind: "tag", oldSlug: "elections" })).toBeNull();
    expect(await renameTag(t.db, cast.editor, { id: elections.id, name: "Élections européennes" })).toMatchObject({ ok: true });
    expect(await getSlugRedirectTarget({ db: t.db, kind: "tag", oldSlug: "elections" })).toBe("elections-europeennes");
    expect(await renameTag(t.db, cast.editor, { id: elections.id, name: "Européennes 2029" })).toMatchObject({ ok: true });
    expect(await getSlugRedirectTarget({ db: t.db, kind: "tag", oldSlug: "elections" })).toBe("europeennes-2029");
    expect(await getSlugRedirectTarget({ db: t.db, kind: "tag", oldSlug: "elections-europeennes" })).toBe("europeennes-2029");
    // Merged away: its current and former slugs lead to the tag it was merged into.
    expect(await mergeTags(t.db, cast.editor, { id: elections.id, intoId: sondages.id })).toMatchObject({ ok: true });
    for (const old of ["elections", "elections-europeennes", "europeennes-2029"])
      expect(await getSlugRedirectTarget({ db: t.db, kind: "tag", oldSlug: old })).toBe("sondages");
    // A live tag with the old slug wins over the redirect (pages look tags up first), and a deleted target stops redirecting.
    expect(await getSlugRedirectTarget({ db: t.db, kind: "tag", oldSlug: "sondages" })).toBeNull();
    expect(await getSlugRedirectTarget({ db: t.db, kind: "tag", oldSlug: "jamais-vu" })).toBeNull();
  });

  it("refuses merging into itself or into an unknown tag", async () => {
    const chine = (await findTagByTyped(t.db, "chine"))!;
    expect(await mergeTags(t.db, cast.editor, { id: chine.id, intoId: chine.id })).toMatchObject({
      ok: false,
      fieldErrors: { into: ["A tag cannot be merged into itself."] },
    });
    expect(await mergeTagInto(t.db, cast.editor, { id: chine.id, into: "Nulle part" })).toMatchObject({
      ok: false,
      fieldErrors: { into: ["No tag “Nulle part” exists."] },
    });
  });

  it("delete is refused while used, allowed once unused", async () => {
    const chine = (await findTagByTyped(t.db, "chine"))!;
    expect(await deleteTag(t.db, cast.editor, { id: chine.id })).toMatchObject({ ok: false, code: "in_use" });
    await t.db.insert(tags).values({ name: "Orphelin", slug: "orphelin" });
    const orphan = (await findTagByTyped(t.db, "orphelin"))!;
    expect(await deleteTag(t.db, cast.admin, { id: orphan.id })).toMatchObject({ ok: true });
    expect(await findTagByTyped(t.db, "orphelin")).toBeUndefined();
    expect(await eventTypes()).toContain("tag.deleted");
  });
});
