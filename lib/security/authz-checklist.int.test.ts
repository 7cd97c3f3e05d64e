import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { queryRows } from "@/db";
import { listAuthorIds, listContributorIds } from "@/db/queries/article-people";
import { getChecklistFacts } from "@/db/queries/checklist";
import { users } from "@/db/schema";
import { createChecklistItem, deleteChecklistItem, moveChecklistItem, setChecklistTick, updateChecklistItem } from "@/lib/checklist/checklist";
import { canGlobal, canTickChecklist, canTransition, type PolicyUser } from "@/lib/permissions";
import { ARTICLE_STATUSES, type ArticleStatus, type WorkflowAction } from "@/lib/workflow/article-workflow";
import { runTransition } from "@/lib/workflow/transitions";
import { createTestDb, type TestDb } from "@/testing/db";
import { dbDigest } from "@/testing/db-digest";
import { articleInState, makeCast, noRevalidate, type Cast } from "@/testing/workflow-fixtures";

/**
 * The checklist's authorisation matrix over the domain functions its server actions call: each
 * actor (the author, another journalist, an editor, an editor who wrote the article, an admin, a
 * deactivated editor) × each article state × tick, untick, the gated transitions with a required
 * item unticked, and the settings operations. The outcome must match lib/permissions.ts, and a
 * refused call must leave every table (checklist tables included) as it was. Signed out, the
 * server actions answer before any of this (lib/actions/authed-action.ts).
 */
let t: TestDb;
let cast: Cast & { gone: PolicyUser };
let required: number;
const states = ARTICLE_STATUSES as readonly ArticleStatus[];

async function digest() {
  const [extra] = await queryRows<{ items: string; ticks: string }>(
    t.db,
    sql`select (select coalesce(md5(string_agg(x::text, ',' order by x::text)), '') from checklist_items x) as items,
               (select coalesce(md5(string_agg(x::text, ',' order by x::text)), '') from article_checklist_ticks x) as ticks`,
  );
  return JSON.stringify({ ...(await dbDigest(t.db)), ...extra });
}

function articleIn(status: ArticleStatus, authorId: string): Promise<string> {
  return articleInState(t.db, { authorId, publisherId: cast.admin.id, status, set: { hasUnpublishedChanges: status === "published" } });
}

beforeAll(async () => {
  t = await createTestDb();
  const c = await makeCast(t.db);
  const [gone] = await t.db.insert(users).values({ email: "gone@example.test", name: "Gone", role: "editor", active: false }).returning();
  cast = { ...c, gone: { id: gone.id, role: "editor", active: false } };
  const r = await createChecklistItem(t.db, cast.admin, { label: "Legal read", required: true });
  if (!r.ok) throw new Error(r.message);
  required = r.data.id;
}, 120_000);
afterAll(async () => t?.drop());

describe(`checklist authorisation matrix (${process.env.TEST_ENGINE ?? "pglite"})`, () => {
  const actors = ["claire", "yanis", "editor", "editor-author", "admin", "gone"] as const;
  const userOf = (who: (typeof actors)[number]) => (who === "editor-author" ? cast.editor2 : cast[who]);

  it("tick and untick: exactly what canTickChecklist allows, for every state; a refusal changes nothing", async () => {
    const rows: string[] = [];
    let refused = 0;
    for (const status of states) {
      for (const who of actors) {
        const u = userOf(who);
        // claire writes every article; editor2 writes the ones "editor-author" acts on.
        const id = await articleIn(status, who === "editor-author" ? cast.editor2.id : cast.claire.id);
        const policy = {
          status,
          authorIds: await listAuthorIds({ db: t.db, articleId: id }),
          contributorIds: await listContributorIds({ db: t.db, articleId: id }),
        };
        const want = canTickChecklist(u, policy, true).ok;
        for (const ticked of [true, false]) {
          const before = await digest();
          const r = await setChecklistTick(t.db, u, { articleId: id, itemId: required, ticked });
          if (r.ok !== want) rows.push(`${status} / ${who} / ${ticked ? "tick" : "untick"}: got ${JSON.stringify(r)}, policy says ${want}`);
          if (!want) {
            refused++;
            if ((await digest()) !== before) rows.push(`${status} / ${who} / ${ticked ? "tick" : "untick"}: refused but changed`);
          }
        }
      }
    }
    expect(rows).toEqual([]);
    expect(refused).toBeGreaterThan(40);
  }, 300_000);

  it("approve, publish and schedule with the required item unticked: refused for everyone in every state, nothing changes", async () => {
    const rows: string[] = [];
    const gated: [WorkflowAction, { scheduledAt?: Date }][] = [
      ["approve", {}],
      ["publish", {}],
      ["schedule", { scheduledAt: new Date(Date.now() + 7_200_000) }],
    ];
    for (const status of states) {
      const id = await articleIn(status, cast.claire.id);
      const facts = await getChecklistFacts({ db: t.db, articleId: id });
      for (const who of actors) {
        for (const [action, extra] of gated) {
          const p = { status, authorIds: [cast.claire.id], hasContent: true, hasUnpublishedChanges: status === "published", checklist: facts };
          expect(canTransition(userOf(who), action, p, { ...extra, twoPersonRule: true }).ok).toBe(false);
          const before = await digest();
          const r = await runTransition(t.db, userOf(who), { articleId: id, action, ...extra }, { revalidate: noRevalidate });
          if (r.ok) rows.push(`${status} / ${who} / ${action}: allowed with the checklist unticked`);
          if ((await digest()) !== before) rows.push(`${status} / ${who} / ${action}: refused but changed`);
        }
      }
    }
    expect(rows).toEqual([]);
  }, 300_000);

  it("settings items: admins only; refusals change nothing", async () => {
    const rows: string[] = [];
    for (const who of actors) {
      const u = userOf(who);
      const want = canGlobal(u, "settings:manage").ok;
      const spare = await createChecklistItem(t.db, cast.admin, { label: `Spare ${who}`, required: false });
      if (!spare.ok) throw new Error(spare.message);
      const calls: [string, () => Promise<{ ok: boolean }>][] = [
        ["create", () => createChecklistItem(t.db, u, { label: `By ${who}`, required: false })],
        ["update", () => updateChecklistItem(t.db, u, { id: spare.data.id, label: `Renamed by ${who}`, required: false })],
        ["move", () => moveChecklistItem(t.db, u, { id: spare.data.id, direction: "up" })],
        ["delete", () => deleteChecklistItem(t.db, u, { id: spare.data.id })],
      ];
      for (const [name, call] of calls) {
        const before = await digest();
        const r = await call();
        if (r.ok !== want) rows.push(`${name} by ${who}: got ${JSON.stringify(r)}`);
        if (!want && (await digest()) !== before) rows.push(`${name} by ${who}: refused but changed`);
      }
      if (!want) await deleteChecklistItem(t.db, cast.admin, { id: spare.data.id });
    }
    expect(rows).toEqual([]);
  });
});
