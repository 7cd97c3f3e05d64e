import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { listArticleEvents } from "@/db/queries/timeline";
import { publishDueArticles } from "@/lib/jobs/scheduled-publish";
import { setSetting } from "@/lib/settings";
import { utcToZonedLocal } from "@/lib/workflow/time-zone";
import { describeEvent } from "@/lib/workflow/timeline";
import { runTransition } from "@/lib/workflow/transitions";
import { createTestDb, type TestDb } from "@/testing/db";
import { articleRow, countRows, makeArticle, makeCast, noRevalidate, type Cast } from "@/testing/workflow-fixtures";

import { loadEmbargoed, setEmbargo } from "./embargo";

let t: TestDb;
let cast: Cast;
const TZ = "Europe/Paris";
const opts = { revalidate: noRevalidate };
beforeAll(async () => {
  t = await createTestDb();
  cast = await makeCast(t.db);
  await setSetting(t.db, "timeZone", TZ);
});
afterAll(async () => {
  await t?.drop();
});

async function approved() {
  const a = await makeArticle(t.db, cast.claire.id);
  await runTransition(t.db, cast.claire, { articleId: a.id, action: "submit" }, opts);
  expect(await runTransition(t.db, cast.editor, { articleId: a.id, action: "approve" }, opts)).toMatchObject({ ok: true });
  return a;
}

const local = (d: Date) => utcToZonedLocal(d, TZ);
const minute = (d: Date) => new Date(Math.floor(d.getTime() / 60_000) * 60_000);

describe(`embargo (${process.env.TEST_ENGINE ?? "pglite"})`, () => {
  it("refuses publishing before it by every path, then the scheduler publishes exactly once", async () => {
    const a = await approved();
    const until = minute(new Date(Date.now() + 2 * 3_600_000));
    expect(await setEmbargo(t.db, cast.editor, { articleId: a.id, until: local(until) })).toMatchObject({ ok: true, embargoUntil: until });

    const publish = await runTransition(t.db, cast.editor2, { articleId: a.id, action: "publish" }, opts);
    expect(publish).toMatchObject({ ok: false, code: "embargoed" });
    expect(!publish.ok && publish.message).toContain(`(${TZ})`);
    const early = await runTransition(t.db, cast.editor2, { articleId: a.id, action: "schedule", scheduledAt: new Date(until.getTime() - 60_000) }, opts);
    expect(early).toMatchObject({ ok: false, code: "embargoed" });
    expect(!early.ok && early.message).toMatch(/^Embargoed until .* choose a publication time at or after the embargo\.$/);
    expect((await articleRow(t.db, a.id)).status).toBe("approved");

    expect(await runTransition(t.db, cast.editor2, { articleId: a.id, action: "schedule", scheduledAt: until }, opts)).toMatchObject({ ok: true });
    expect(await publishDueArticles(t.db, { now: new Date(until.getTime() - 1_000), revalidate: noRevalidate })).toEqual({ published: [], failed: [] });
    const at = new Date(until.getTime() + 1_000);
    expect((await publishDueArticles(t.db, { now: at, revalidate: noRevalidate })).published).toEqual([a.id]);
    expect(await publishDueArticles(t.db, { now: at, revalidate: noRevalidate })).toEqual({ published: [], failed: [] });
    expect((await articleRow(t.db, a.id)).status).toBe("published");
    expect(await countRows(t.db, "events", a.id, "and to_status = 'published'")).toBe(1);
  });

  it("the scheduler skips a row whose embargo outlasts its due time, whatever the state machine would say", async () => {
    const a = await approved();
    const due = minute(new Date(Date.now() + 3_600_000));
    await runTransition(t.db, cast.editor, { articleId: a.id, action: "schedule", scheduledAt: due }, opts);
    // An embargo past the schedule is refused by the sidebar…
    const later = new Date(due.getTime() + 3_600_000);
    expect(await setEmbargo(t.db, cast.editor, { articleId: a.id, until: local(later) })).toMatchObject({ ok: false, code: "invalid" });
    // …and a row that holds one anyway waits for it.
    await t.db.execute(`update articles set embargo_until = '${later.toISOString()}' where id = '${a.id}'`);
    const run = await publishDueArticles(t.db, { now: new Date(due.getTime() + 60_000), revalidate: noRevalidate });
    expect(run.published).not.toContain(a.id);
    expect(run.failed).not.toContain(a.id);
    expect((await publishDueArticles(t.db, { now: new Date(later.getTime() + 60_000), revalidate: noRevalidate })).published).toContain(a.id);
  });

  it("records set, change and lift on the timeline; refuses bad input and changes nothing", async () => {
    const a = await approved();
    const first = minute(new Date(Date.now() + 3_600_000));
    const second = new Date(first.getTime() + 86_400_000);
    for (const until of ["nonsense", "2026-13-45T99:99", local(new Date(Date.now() - 60_000))]) {
      const r = await setEmbargo(t.db, cast.editor, { articleId: a.id, until });
      expect(r).toMatchObject({ ok: false, code: "invalid" });
      expect(!r.ok && r.fieldErrors?.embargoUntil).toHaveLength(1);
    }
    expect(await setEmbargo(t.db, cast.editor, { articleId: a.id, until: "" })).toMatchObject({ ok: false, code: "invalid" });
    expect(await setEmbargo(t.db, cast.claire, { articleId: a.id, until: local(first) })).toMatchObject({ ok: false, code: "forbidden" });
    expect(await setEmbargo(t.db, cast.editor, { articleId: "00000000-0000-4000-8000-000000000000", until: local(first) })).toMatchObject({
      ok: false,
      code: "not_found",
    });
    expect((await articleRow(t.db, a.id)).embargoUntil).toBeNull();
    expect(await countRows(t.db, "events", a.id, "and type like 'article.embargo%'")).toBe(0);

    const version = (await articleRow(t.db, a.id)).version;
    await setEmbargo(t.db, cast.editor, { articleId: a.id, until: local(first) });
    await setEmbargo(t.db, cast.admin, { articleId: a.id, until: local(second) });
    expect((await loadEmbargoed(t.db, cast.editor)).map((r) => r.id)).toContain(a.id);
    expect((await loadEmbargoed(t.db, cast.yanis)).map((r) => r.id)).not.toContain(a.id);
    expect((await loadEmbargoed(t.db, cast.claire)).map((r) => r.id)).toContain(a.id);
    await setEmbargo(t.db, cast.editor2, { articleId: a.id, until: "" });
    const row = await articleRow(t.db, a.id);
    expect(row.embargoUntil).toBeNull();
    // Not an edit: the editor's version-checked autosave is not disturbed.
    expect(row.version).toBe(version);
    const words = (await listArticleEvents({ db: t.db, articleId: a.id }))
      .filter((e) => e.type.startsWith("article.embargo"))
      .map((e) => `${e.actorName}: ${describeEvent(e, TZ)}`);
    expect(words).toHaveLength(3);
    expect(words.join("\n")).toMatch(/set an embargo until .*\(Europe\/Paris\)/);
    expect(words.join("\n")).toMatch(/moved the embargo to .*\(Europe\/Paris\)/);
    expect(words.join("\n")).toMatch(/lifted the embargo/);
    expect(await runTransition(t.db, cast.editor2, { articleId: a.id, action: "publish" }, opts)).toMatchObject({ ok: true });
  });
});
