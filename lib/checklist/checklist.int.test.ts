import { eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";

import { listArticleChecklistTicks, listChecklistItems } from "@/db/queries/checklist";
import { checklistItems, events } from "@/db/schema";
import { saveArticle } from "@/lib/articles/editing";
import { docFromParagraphs } from "@/lib/rich-text/body";
import { setSetting } from "@/lib/settings";
import { describeEvent } from "@/lib/workflow/timeline";
import { runTransition, type TransitionRequest, type WorkflowActor } from "@/lib/workflow/transitions";
import { createTestDb, type TestDb } from "@/testing/db";
import { articleRow, countRows, makeArticle, makeCast, noRevalidate, type Cast } from "@/testing/workflow-fixtures";

import { createChecklistItem, deleteChecklistItem, loadArticleChecklist, moveChecklistItem, setChecklistTick, updateChecklistItem } from "./checklist";
import { createChecklistItemSchema, updateChecklistItemSchema } from "./validation";

let t: TestDb;
let cast: Cast;
beforeAll(async () => {
  t = await createTestDb();
  cast = await makeCast(t.db);
});
afterAll(async () => t?.drop());
// The checklist is newsroom-wide: each test starts without items.
beforeEach(async () => {
  await t.db.delete(checklistItems);
  await setSetting(t.db, "twoPersonRule", true);
});

const run = (actor: WorkflowActor, req: TransitionRequest) => runTransition(t.db, actor, req, { revalidate: noRevalidate });

async function inReview() {
  const a = await makeArticle(t.db, cast.claire.id);
  expect(await run(cast.claire, { articleId: a.id, action: "submit" })).toMatchObject({ ok: true });
  return a;
}

async function item(label: string, required = true) {
  const r = await createChecklistItem(t.db, cast.admin, { label, required });
  if (!r.ok) throw new Error(r.message);
  return r.data.id;
}

const tick = (actor: Parameters<typeof setChecklistTick>[1], articleId: string, itemId: number, ticked = true) =>
  setChecklistTick(t.db, actor, { articleId, itemId, ticked });

const version = async (id: string) => (await articleRow(t.db, id)).version;

describe(`the checklist gate (${process.env.TEST_ENGINE ?? "pglite"})`, () => {
  it("with no items defined nothing changes: approve, publish and schedule as before", async () => {
    const a = await inReview();
    expect(await run(cast.editor, { articleId: a.id, action: "approve" })).toMatchObject({ ok: true, status: "approved" });
    expect(await run(cast.editor, { articleId: a.id, action: "publish" })).toMatchObject({ ok: true, status: "published" });
  });

  it("a required item blocks approve until an editor ticks it; an optional one never blocks; the refusal changes nothing", async () => {
    const legal = await item("Legal read");
    await item("Photo credits checked", false);
    const a = await inReview();
    const before = { article: await articleRow(t.db, a.id), events: await countRows(t.db, "events", a.id) };
    const refused = await run(cast.editor, { articleId: a.id, action: "approve" });
    expect(refused).toEqual({ ok: false, code: "checklist_incomplete", message: "Checklist: 1 required item is not ticked yet." });
    expect(await articleRow(t.db, a.id)).toEqual(before.article);
    expect(await countRows(t.db, "events", a.id)).toBe(before.events);
    // Publishing straight from review is gated the same way.
    expect(await run(cast.editor, { articleId: a.id, action: "publish" })).toMatchObject({ ok: false, code: "checklist_incomplete" });

    expect(await tick(cast.editor2, a.id, legal)).toEqual({ ok: true, data: { changed: true } });
    expect(await run(cast.editor, { articleId: a.id, action: "approve" })).toMatchObject({ ok: true, status: "approved" });
  });

  it("schedule and publish wait for the required items too", async () => {
    const legal = await item("Legal read");
    const a = await inReview();
    await tick(cast.editor, a.id, legal);
    expect(await run(cast.editor, { articleId: a.id, action: "approve" })).toMatchObject({ ok: true });
    await tick(cast.editor, a.id, legal, false);
    const later = new Date(Date.now() + 86_400_000);
    expect(await run(cast.editor, { articleId: a.id, action: "schedule", scheduledAt: later })).toMatchObject({ ok: false, code: "checklist_incomplete" });
    expect(await run(cast.editor, { articleId: a.id, action: "publish" })).toMatchObject({ ok: false, code: "checklist_incomplete" });
    await tick(cast.editor, a.id, legal);
    expect(await run(cast.editor, { articleId: a.id, action: "schedule", scheduledAt: later })).toMatchObject({ ok: true, status: "scheduled" });
  });

  it("the author may not tick (two-person rule), nor may a journalist; with the rule off an editor-author may", async () => {
    const legal = await item("Legal read");
    const own = await makeArticle(t.db, cast.editor.id);
    expect(await tick(cast.editor, own.id, legal)).toMatchObject({ ok: false, code: "two_person_rule" });
    const a = await inReview();
    expect(await tick(cast.claire, a.id, legal)).toMatchObject({ ok: false, code: "forbidden" });
    expect(await tick(cast.yanis, a.id, legal)).toMatchObject({ ok: false, code: "forbidden:article" });
    expect(await listArticleChecklistTicks({ db: t.db, articleId: a.id })).toEqual([]);
    await setSetting(t.db, "twoPersonRule", false);
    expect(await tick(cast.editor, own.id, legal)).toMatchObject({ ok: true });
  });

  it("each tick and untick is on the timeline with who; ticking twice records nothing more", async () => {
    const legal = await item("Legal read");
    const a = await inReview();
    await tick(cast.editor, a.id, legal);
    expect(await tick(cast.editor, a.id, legal)).toEqual({ ok: true, data: { changed: false } });
    await tick(cast.editor2, a.id, legal, false);
    const rows = await t.db.select().from(events).where(eq(events.articleId, a.id));
    const checklist = rows.filter((e) => e.type.startsWith("article.checklist"));
    expect(checklist.map((e) => [e.type, e.actorId])).toEqual([
      ["article.checklist_ticked", cast.editor.id],
      ["article.checklist_unticked", cast.editor2.id],
    ]);
    expect(checklist.map((e) => describeEvent({ ...e, data: e.data as Record<string, unknown> }))).toEqual([
      "ticked “Legal read” on the checklist",
      "unticked “Legal read” on the checklist",
    ]);
    const [ticked] = (await loadArticleChecklist(t.db, a.id)).items;
    expect(ticked.tick).toBeNull();
  });

  it("ticks are cleared when the headline or the body changes after them, not by other fields or an unchanged body", async () => {
    const legal = await item("Legal read");
    const a = await inReview();
    const save = (changes: Record<string, unknown>) => version(a.id).then((v) => saveArticle(t.db, cast.editor2, { id: a.id, expectedVersion: v, changes }));
    await tick(cast.editor, a.id, legal);
    const row = await articleRow(t.db, a.id);
    expect(await save({ dek: "Un nouveau chapeau", body: row.body, headline: row.headline })).toMatchObject({ ok: true });
    expect((await listArticleChecklistTicks({ db: t.db, articleId: a.id })).length).toBe(1);

    expect(await save({ headline: "Un autre titre" })).toMatchObject({ ok: true });
    expect(await listArticleChecklistTicks({ db: t.db, articleId: a.id })).toEqual([]);
    const [cleared] = await t.db.select().from(events).where(eq(events.type, "article.checklist_cleared"));
    expect(cleared).toMatchObject({ articleId: a.id, actorId: cast.editor2.id, data: { itemIds: [legal], headline: true, body: false } });
    expect(await run(cast.editor, { articleId: a.id, action: "approve" })).toMatchObject({ ok: false, code: "checklist_incomplete" });

    await tick(cast.editor, a.id, legal);
    expect(await save({ body: docFromParagraphs(["Un tout autre texte."]) })).toMatchObject({ ok: true });
    expect(await listArticleChecklistTicks({ db: t.db, articleId: a.id })).toEqual([]);
  });

  it("deleting a required item opens the gate it held; deleting the item removes its ticks", async () => {
    const legal = await item("Legal read");
    const other = await item("Numbers checked");
    const a = await inReview();
    await tick(cast.editor, a.id, other);
    expect(await run(cast.editor, { articleId: a.id, action: "approve" })).toMatchObject({ ok: false });
    expect(await deleteChecklistItem(t.db, cast.admin, { id: legal })).toEqual({ ok: true, data: { label: "Legal read" } });
    expect(await run(cast.editor, { articleId: a.id, action: "approve" })).toMatchObject({ ok: true });
    await deleteChecklistItem(t.db, cast.admin, { id: other });
    expect(await listArticleChecklistTicks({ db: t.db, articleId: a.id })).toEqual([]);
    expect(await deleteChecklistItem(t.db, cast.admin, { id: other })).toMatchObject({ ok: false, code: "not_found" });
  });
});

describe(`checklist items on the settings page (${process.env.TEST_ENGINE ?? "pglite"})`, () => {
  it("adds items last, edits label and requirement, reorders, deletes; only admins", async () => {
    const a = await item("Legal read");
    const b = await item("Headline checked", false);
    const c = await item("Photo rights");
    expect((await listChecklistItems({ db: t.db })).map((i) => i.label)).toEqual(["Legal read", "Headline checked", "Photo rights"]);
    expect(await moveChecklistItem(t.db, cast.admin, { id: c, direction: "up" })).toEqual({ ok: true, data: { moved: true } });
    expect(await moveChecklistItem(t.db, cast.admin, { id: a, direction: "up" })).toEqual({ ok: true, data: { moved: false } });
    expect((await listChecklistItems({ db: t.db })).map((i) => i.id)).toEqual([a, c, b]);
    expect(await updateChecklistItem(t.db, cast.admin, { id: b, label: "Headline and dek checked", required: true })).toMatchObject({ ok: true });
    expect(await listChecklistItems({ db: t.db })).toMatchObject([{ id: a }, { id: c }, { id: b, label: "Headline and dek checked", required: true }]);
    for (const u of [cast.editor, cast.claire]) {
      expect(await createChecklistItem(t.db, u, { label: "x", required: true })).toMatchObject({ ok: false, code: "forbidden" });
      expect(await updateChecklistItem(t.db, u, { id: a, label: "x", required: false })).toMatchObject({ ok: false, code: "forbidden" });
      expect(await moveChecklistItem(t.db, u, { id: a, direction: "down" })).toMatchObject({ ok: false, code: "forbidden" });
      expect(await deleteChecklistItem(t.db, u, { id: a })).toMatchObject({ ok: false, code: "forbidden" });
    }
    expect(await updateChecklistItem(t.db, cast.admin, { id: 999_999, label: "x", required: false })).toMatchObject({ ok: false, code: "not_found" });
  });

  it("labels: trimmed, required, at most 200 characters; the checkbox reads as required or not", () => {
    expect(createChecklistItemSchema.safeParse({ label: "  Legal   read ", required: "on" })).toMatchObject({
      success: true,
      data: { label: "Legal read", required: true },
    });
    expect(createChecklistItemSchema.safeParse({ label: "Legal read" })).toMatchObject({ success: true, data: { required: false } });
    const empty = createChecklistItemSchema.safeParse({ label: "   " });
    expect(empty.success).toBe(false);
    expect(empty.error?.issues[0]).toMatchObject({ path: ["label"], message: "Enter a label." });
    const long = updateChecklistItemSchema.safeParse({ id: "3", label: "x".repeat(201) });
    expect(long.error?.issues[0]).toMatchObject({ path: ["label"], message: "At most 200 characters." });
  });
});

describe(`hostile labels (${process.env.TEST_ENGINE ?? "pglite"})`, () => {
  it("a NUL in a label is dropped, not a database error", async () => {
    const created = await createChecklistItem(t.db, cast.admin, { label: "<scr\u0000ipt>x</scr\u0000ipt>", required: false });
    expect(created.ok).toBe(true);
    const id = created.ok ? created.data.id : 0;
    expect(await updateChecklistItem(t.db, cast.admin, { id, label: "Le\u0000gal", required: false })).toMatchObject({ ok: true });
    expect(await listChecklistItems({ db: t.db })).toMatchObject([{ id, label: "Legal" }]);
  });
});
