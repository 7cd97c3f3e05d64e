import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { queryRows } from "@/db";
import { articles } from "@/db/schema";
import { setSetting } from "@/lib/settings";
import { utcToZonedLocal } from "@/lib/workflow/time-zone";
import { runTransition } from "@/lib/workflow/transitions";
import { createTestDb, type TestDb } from "@/testing/db";
import { articleRow, countRows, makeArticle, makeCast, noRevalidate, type Cast } from "@/testing/workflow-fixtures";

import { setEmbargo } from "./embargo";

/**
 * Setting an embargo and publishing, at the same time, in two transactions on two connections.
 * Whoever wins, the other is refused: never a published article under a future embargo, never an
 * embargoed article readers can see. On PostgreSQL the order is forced: a third transaction holds
 * the article's row, both contenders queue behind it in a chosen order (seen in pg_stat_activity),
 * then it lets go. PGlite has one connection and runs transactions one at a time: there the two
 * orders are run one after the other, and the free-running pairs interleave what they can.
 */
let t: TestDb;
let cast: Cast;
const TZ = "Europe/Paris";
const opts = { revalidate: noRevalidate };
const postgres = process.env.TEST_ENGINE === "postgres";

beforeAll(async () => {
  t = await createTestDb();
  cast = await makeCast(t.db);
  await setSetting(t.db, "timeZone", TZ);
}, 120_000);
afterAll(async () => t?.drop());

async function approved(): Promise<string> {
  const a = await makeArticle(t.db, cast.claire.id);
  await runTransition(t.db, cast.claire, { articleId: a.id, action: "submit" }, opts);
  expect(await runTransition(t.db, cast.editor, { articleId: a.id, action: "approve" }, opts)).toMatchObject({ ok: true });
  return a.id;
}

const until = () => new Date(Math.floor((Date.now() + 3 * 3_600_000) / 60_000) * 60_000);
const embargo = (id: string) => setEmbargo(t.db, cast.editor, { articleId: id, until: utcToZonedLocal(until(), TZ) });
const publish = (id: string) => runTransition(t.db, cast.editor2, { articleId: id, action: "publish" }, opts);

async function waitingOnLocks(): Promise<number> {
  const [r] = await queryRows<{ n: number }>(
    t.db,
    sql`select count(*)::int as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'`,
  );
  return Number(r.n);
}

async function until_(cond: () => Promise<boolean>, what: string) {
  for (let i = 0; i < 200; i++) {
    if (await cond()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** Runs `first` then `second` against the same article, started in that order and overlapping where the engine allows. */
async function race<A, B>(id: string, first: () => Promise<A>, second: () => Promise<B>): Promise<[A, B]> {
  // PGlite: one connection, transactions one at a time; "first" is simply the one that runs first.
  if (!postgres) return [await first(), await second()];
  let release!: () => void;
  const held = new Promise<void>((r) => (release = r));
  let locked!: () => void;
  const lockTaken = new Promise<void>((r) => (locked = r));
  const holder = t.db.transaction(async (tx) => {
    await tx
      .select({ id: articles.id })
      .from(articles)
      .where(sql`${articles.id} = ${id}`)
      .for("update");
    locked();
    await held;
  });
  await lockTaken;
  const a = first();
  await until_(async () => (await waitingOnLocks()) === 1, "the first contender to queue");
  const b = second();
  await until_(async () => (await waitingOnLocks()) === 2, "the second contender to queue");
  release();
  await holder;
  return Promise.all([a, b]);
}

/** What must hold after any race: readers see it only if no embargo runs, and each step is on the timeline once at most. */
async function invariant(id: string) {
  const row = await articleRow(t.db, id);
  const embargoed = row.embargoUntil !== null && row.embargoUntil > new Date();
  expect(row.status === "published" && embargoed, `${id}: published under a future embargo`).toBe(false);
  expect(await countRows(t.db, "events", id, "and to_status = 'published'")).toBe(row.status === "published" ? 1 : 0);
  expect(await countRows(t.db, "events", id, "and type = 'article.embargo_set'")).toBe(embargoed ? 1 : 0);
  return { row, embargoed };
}

describe(`embargo against publish, concurrently (${process.env.TEST_ENGINE ?? "pglite"})`, () => {
  it("the embargo first: the publish is refused, nothing goes out", async () => {
    const id = await approved();
    const [e, p] = await race(
      id,
      () => embargo(id),
      () => publish(id),
    );
    expect(e).toMatchObject({ ok: true });
    expect(p).toMatchObject({ ok: false, code: "embargoed" });
    const { row, embargoed } = await invariant(id);
    expect(row.status).toBe("approved");
    expect(embargoed).toBe(true);
  });

  it("the publish first: the embargo is refused at its field, the article stays out with none", async () => {
    const id = await approved();
    const [p, e] = await race(
      id,
      () => publish(id),
      () => embargo(id),
    );
    expect(p).toMatchObject({ ok: true });
    expect(e).toMatchObject({ ok: false, code: "invalid", fieldErrors: { embargoUntil: [expect.stringMatching(/already published/)] } });
    const { row, embargoed } = await invariant(id);
    expect(row.status).toBe("published");
    expect(embargoed).toBe(false);
  });

  it("free-running pairs: exactly one of the two wins every time", async () => {
    const wins = { embargo: 0, publish: 0 };
    for (let i = 0; i < 12; i++) {
      const id = await approved();
      const [e, p] = i % 2 ? await Promise.all([embargo(id), publish(id)]) : (await Promise.all([publish(id), embargo(id)])).reverse();
      expect([e.ok, p.ok].filter(Boolean), `pair ${i}: ${JSON.stringify([e, p]).slice(0, 300)}`).toHaveLength(1);
      if (e.ok) wins.embargo++;
      else wins.publish++;
      await invariant(id);
    }
    expect(wins.embargo + wins.publish).toBe(12);
  });

  it("a published article takes no embargo", async () => {
    const id = await approved();
    expect(await publish(id)).toMatchObject({ ok: true });
    expect(await embargo(id)).toMatchObject({ ok: false, code: "invalid" });
    expect((await articleRow(t.db, id)).embargoUntil).toBeNull();
  });
});
