import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { users } from "@/db/schema";
import { setEmbargo } from "@/lib/embargo/embargo";
import { canEmbargo, type PolicyUser } from "@/lib/permissions";
import { setSetting } from "@/lib/settings";
import { ARTICLE_STATUSES, type ArticleStatus } from "@/lib/workflow/article-workflow";
import { utcToZonedLocal } from "@/lib/workflow/time-zone";
import { runTransition } from "@/lib/workflow/transitions";
import { createTestDb, type TestDb } from "@/testing/db";
import { dbDigest } from "@/testing/db-digest";
import { articleInState, makeCast, noRevalidate, type Cast } from "@/testing/workflow-fixtures";

/**
 * Who may set, change and lift an embargo, and that nobody publishes under one: signed out, each
 * role, an article of one's own and someone else's, in each state. A refusal changes nothing.
 */
let t: TestDb;
let cast: Cast & { gone: PolicyUser };
const TZ = "UTC";
const states = ARTICLE_STATUSES as readonly ArticleStatus[];

function articleIn(status: ArticleStatus, authorId: string, embargoUntil: Date | null = null): Promise<string> {
  const scheduledAt = status === "scheduled" ? new Date(Date.now() + 7 * 86_400_000) : null;
  return articleInState(t.db, {
    authorId,
    publisherId: cast.editor.id,
    status,
    set: { embargoUntil, scheduledAt, hasUnpublishedChanges: status === "published" },
  });
}

beforeAll(async () => {
  t = await createTestDb();
  const c = await makeCast(t.db);
  const [gone] = await t.db.insert(users).values({ email: "gone@example.test", name: "Gone", role: "editor", active: false }).returning();
  cast = { ...c, gone: { id: gone.id, role: "editor", active: false } };
  await setSetting(t.db, "timeZone", TZ);
}, 120_000);
afterAll(async () => t?.drop());

describe(`authorisation of the embargo (${process.env.TEST_ENGINE ?? "pglite"})`, () => {
  it("only active editors and admins set, change or lift it; nobody publishes or schedules early under it", async () => {
    const actors: [string, PolicyUser | null][] = [
      ["signed out", null],
      ["journalist", cast.claire],
      ["editor", cast.editor],
      ["admin", cast.admin],
      ["deactivated editor", cast.gone],
    ];
    const until = new Date(Math.floor((Date.now() + 3 * 3_600_000) / 60_000) * 60_000);
    const rows: string[] = [];
    let calls = 0;
    for (const status of states) {
      for (const [who, u] of actors) {
        // "own": the actor wrote it (the editor-author case included); "other": a journalist colleague did.
        for (const owner of u ? (["own", "other"] as const) : (["other"] as const)) {
          const authorId = owner === "own" && u ? u.id : cast.yanis.id;
          if (owner === "own" && u === cast.gone) continue; // a deactivated account writes nothing
          const want = canEmbargo(u).ok;
          // A published article is out already: no embargo is set on it or moved (lifting one is fine).
          const wantHold = want && status !== "published";
          const later = utcToZonedLocal(new Date(until.getTime() + 3_600_000), TZ);
          // Each operation: the article it acts on (made before the "before" snapshot), the call, the expected outcome.
          const ops: [string, () => Promise<string>, (id: string) => Promise<{ ok: boolean }>, boolean][] = [
            ["set", () => articleIn(status, authorId), (id) => setEmbargo(t.db, u, { articleId: id, until: utcToZonedLocal(until, TZ) }), wantHold],
            ["change", () => articleIn(status, authorId, until), (id) => setEmbargo(t.db, u, { articleId: id, until: later }), wantHold],
            ["lift", () => articleIn(status, authorId, until), (id) => setEmbargo(t.db, u, { articleId: id, until: "" }), want],
          ];
          if (u) {
            const opts = { revalidate: noRevalidate };
            ops.push(["publish", () => articleIn(status, authorId, until), (id) => runTransition(t.db, u, { articleId: id, action: "publish" }, opts), false]);
            ops.push([
              "schedule before it",
              () => articleIn(status, authorId, until),
              (id) => runTransition(t.db, u, { articleId: id, action: "schedule", scheduledAt: new Date(until.getTime() - 60_000) }, opts),
              false,
            ]);
          }
          for (const [name, prepare, run, expected] of ops) {
            calls++;
            const id = await prepare();
            const before = await dbDigest(t.db);
            const r = await run(id);
            if (r.ok !== expected)
              rows.push(`${status} / ${who} / ${owner} / ${name}: got ${r.ok ? "allowed" : `refused (${JSON.stringify(r).slice(0, 100)})`}`);
            if (!r.ok) {
              const after = await dbDigest(t.db);
              const changed = Object.keys(before).filter((k) => before[k] !== after[k]);
              if (changed.length) rows.push(`${status} / ${who} / ${owner} / ${name}: refused but changed ${changed.join(", ")}`);
            }
          }
        }
      }
    }
    expect(calls).toBeGreaterThan(100);
    expect(rows).toEqual([]);
  }, 600_000);
});
