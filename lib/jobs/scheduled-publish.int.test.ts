import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { openDb, type Db, type Handle } from "@/db";
import { getPublishedArticleBySlug } from "@/db/queries/public";
import { runTransition } from "@/lib/workflow/transitions";
import { createTestDb, type TestDb } from "@/testing/db";
import { articleRow, countRows, makeArticle, makeCast, noRevalidate, type Cast } from "@/testing/workflow-fixtures";

import { publishDueArticles } from "./scheduled-publish";

let t: TestDb;
let cast: Cast;
let second: Handle | null = null;
beforeAll(async () => {
  t = await createTestDb();
  cast = await makeCast(t.db);
  // A second app instance: its own connection pool on PostgreSQL (PGlite allows one process).
  if (t.url) second = await openDb({ databaseUrl: t.url, migrate: false, max: 3 });
});
afterAll(async () => {
  await second?.close();
  await t?.drop();
});

async function scheduled(at: Date) {
  const a = await makeArticle(t.db, cast.claire.id);
  const opts = { revalidate: noRevalidate };
  await runTransition(t.db, cast.claire, { articleId: a.id, action: "submit" }, opts);
  await runTransition(t.db, cast.editor, { articleId: a.id, action: "approve" }, opts);
  const r = await runTransition(t.db, cast.editor, { articleId: a.id, action: "schedule", scheduledAt: at }, { ...opts, now: new Date(at.getTime() - 60_000) });
  expect(r).toMatchObject({ ok: true, status: "scheduled" });
  return a;
}

describe(`scheduled publishing (${process.env.TEST_ENGINE ?? "pglite"})`, () => {
  it("publishes nothing early, then publishes after a simulated downtime, exactly once", async () => {
    const due = new Date(Date.now() + 10 * 60_000);
    const a = await scheduled(due);
    expect(await publishDueArticles(t.db, { now: new Date(due.getTime() - 1_000), revalidate: noRevalidate })).toEqual({ published: [], failed: [] });
    expect((await articleRow(t.db, a.id)).status).toBe("scheduled");
    // The app was down at the due time and comes back three hours later.
    const later = new Date(due.getTime() + 3 * 3_600_000);
    const first = await publishDueArticles(t.db, { now: later, revalidate: noRevalidate });
    expect(first.published).toEqual([a.id]);
    expect(await publishDueArticles(t.db, { now: later, revalidate: noRevalidate })).toEqual({ published: [], failed: [] });
    const row = await articleRow(t.db, a.id);
    expect(row).toMatchObject({ status: "published", scheduledAt: null });
    expect(row.firstPublishedAt?.getTime()).toBe(later.getTime());
    expect((await getPublishedArticleBySlug({ db: t.db, slug: a.slug }))?.revision.headline).toBe(a.headline);
    expect(await countRows(t.db, "events", a.id, "and to_status = 'published' and actor_id is null")).toBe(1);
    expect(await countRows(t.db, "notifications", a.id, "and type = 'published'")).toBe(1);
  });

  it("publishes each due article exactly once when two runners go at the same time", async () => {
    const due = new Date(Date.now() + 20 * 60_000);
    const list = [await scheduled(due), await scheduled(due), await scheduled(due), await scheduled(due)];
    const now = new Date(due.getTime() + 60_000);
    const other: Db = second?.db ?? t.db;
    const runs = await Promise.all([
      publishDueArticles(t.db, { now, revalidate: noRevalidate }),
      publishDueArticles(other, { now, revalidate: noRevalidate }),
      publishDueArticles(t.db, { now, revalidate: noRevalidate }),
    ]);
    const all = runs.flatMap((r) => r.published);
    expect(all.sort()).toEqual(list.map((a) => a.id).sort());
    expect(runs.flatMap((r) => r.failed)).toEqual([]);
    for (const a of list) {
      expect((await articleRow(t.db, a.id)).status).toBe("published");
      expect(await countRows(t.db, "article_revisions", a.id, "and reason = 'publish'")).toBe(1);
      expect(await countRows(t.db, "events", a.id, "and to_status = 'published'")).toBe(1);
    }
  });

  it("leaves an unscheduled article alone", async () => {
    const due = new Date(Date.now() + 30 * 60_000);
    const a = await scheduled(due);
    await runTransition(t.db, cast.editor, { articleId: a.id, action: "unschedule" }, { revalidate: noRevalidate });
    expect((await publishDueArticles(t.db, { now: new Date(due.getTime() + 60_000), revalidate: noRevalidate })).published).toEqual([]);
    expect((await articleRow(t.db, a.id)).status).toBe("approved");
  });
});
