import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { listAuthorIds } from "@/db/queries/article-people";
import { getAuthorProfile } from "@/db/queries/profiles";
import { articles, users } from "@/db/schema";
import { copyAsNewDraft, saveArticle } from "@/lib/articles/editing";
import { restoreRevision, saveVersion } from "@/lib/articles/revisions";
import { canArticle, canChangeByline, canEditProfile, canGlobal, canTransition, type PolicyUser } from "@/lib/permissions";
import { updateProfile } from "@/lib/profiles/profile";
import { changeRole, createUser, resetPassword, setActive } from "@/lib/users/manage";
import { ARTICLE_STATUSES, type ArticleStatus, type WorkflowAction } from "@/lib/workflow/article-workflow";
import { addComment } from "@/lib/workflow/comments";
import { runTransition } from "@/lib/workflow/transitions";
import { createTestDb, type TestDb } from "@/testing/db";
import { dbDigest } from "@/testing/db-digest";
import { articleInState, makeArticle, makeCast, noRevalidate, type Cast } from "@/testing/workflow-fixtures";

/**
 * The full authorisation matrix over the domain functions every server action calls: each actor
 * (the author, another journalist, an editor, an admin, a deactivated editor) × each article state
 * × each operation. The outcome must match lib/permissions.ts (which lib/permissions.test.ts checks
 * against the product rules), and a refused call must leave every table exactly as it was. The HTTP
 * layer (signed out, cookies, action ids) is e2e/security-authz.spec.ts.
 */
let t: TestDb;
let cast: Cast & { gone: PolicyUser };
const states = ARTICLE_STATUSES as readonly ArticleStatus[];
const shared = new Map<ArticleStatus, string>();

function articleIn(status: ArticleStatus): Promise<string> {
  return articleInState(t.db, { authorId: cast.claire.id, publisherId: cast.editor.id, status });
}

type Op = {
  name: string;
  expect: (u: PolicyUser, p: { status: ArticleStatus; authorIds: string[] }) => boolean;
  run: (u: PolicyUser, id: string) => Promise<{ ok: boolean }>;
};
const version = async (id: string) => (await t.db.select({ v: articles.version }).from(articles).where(eq(articles.id, id)))[0].v;
const transitionOp = (action: WorkflowAction, extra: { comment?: string; scheduledAt?: Date } = {}): Op => ({
  name: `transition ${action}`,
  expect: (u, p) =>
    canTransition(u, action, { ...p, hasContent: true }, { comment: extra.comment, scheduledAt: extra.scheduledAt, now: new Date(), twoPersonRule: true }).ok,
  run: (u, id) => runTransition(t.db, u, { articleId: id, action, ...extra }, { revalidate: noRevalidate }),
});
const OPS: Op[] = [
  {
    name: "save (edit)",
    expect: (u, p) => canArticle(u, "edit", p).ok,
    run: async (u, id) => saveArticle(t.db, u, { id, expectedVersion: await version(id), changes: { headline: "Changé" } }),
  },
  {
    name: "save (bylines)",
    expect: (u, p) => canArticle(u, "manage_authors", p).ok,
    run: async (u, id) => saveArticle(t.db, u, { id, expectedVersion: await version(id), changes: { authorIds: [cast.claire.id, cast.yanis.id] } }),
  },
  { name: "save version", expect: (u, p) => canArticle(u, "save_version", p).ok, run: (u, id) => saveVersion(t.db, u, { articleId: id, note: "n" }) },
  {
    name: "restore revision",
    expect: (u, p) => canArticle(u, "restore_revision", p).ok,
    run: (u, id) => restoreRevision(t.db, u, { articleId: id, number: 1 }),
  },
  { name: "comment", expect: (u, p) => canArticle(u, "comment", p).ok, run: (u, id) => addComment(t.db, u, { articleId: id, body: "Un avis." }) },
  transitionOp("submit"),
  transitionOp("withdraw"),
  transitionOp("request_changes", { comment: "Merci de revoir." }),
  transitionOp("approve"),
  transitionOp("publish"),
  transitionOp("schedule", { scheduledAt: new Date(Date.now() + 7_200_000) }),
  transitionOp("unschedule"),
  transitionOp("unpublish", { comment: "Erreur." }),
  transitionOp("publish_scheduled"),
];

beforeAll(async () => {
  t = await createTestDb();
  const c = await makeCast(t.db);
  const [gone] = await t.db.insert(users).values({ email: "gone@example.test", name: "Gone", role: "editor", active: false }).returning();
  cast = { ...c, gone: { id: gone.id, role: "editor", active: false } };
  for (const s of states) shared.set(s, await articleIn(s));
}, 120_000);
afterAll(async () => t?.drop());

describe(`authorisation matrix over the domain functions (${process.env.TEST_ENGINE ?? "pglite"})`, () => {
  const actors = ["claire", "yanis", "editor", "admin", "gone"] as const;
  it("allows exactly what the policy allows, and a refusal changes nothing", async () => {
    const rows: string[] = [];
    let allowed = 0;
    let refused = 0;
    for (const status of states) {
      for (const who of actors) {
        const u = cast[who];
        for (const op of OPS) {
          const probe = shared.get(status)!;
          const policy = { status, authorIds: await listAuthorIds({ db: t.db, articleId: probe }) };
          const want = op.expect(u, policy);
          // Allowed calls change things: each gets a fresh article so the shared ones stay in their state.
          const id = want ? await articleIn(status) : probe;
          const before = await dbDigest(t.db);
          const r = await op.run(u, id);
          if (r.ok !== want)
            rows.push(
              `${status} / ${who} / ${op.name}: got ${r.ok ? "allowed" : `refused (${JSON.stringify(r).slice(0, 120)})`}, policy says ${want ? "allow" : "refuse"}`,
            );
          if (want) allowed++;
          else {
            refused++;
            const after = await dbDigest(t.db);
            const changed = Object.keys(before).filter((k) => before[k] !== after[k]);
            if (changed.length) rows.push(`${status} / ${who} / ${op.name}: refused but changed ${changed.join(", ")}`);
          }
        }
      }
    }
    console.log(
      `authorisation matrix: ${states.length} states × ${actors.length} actors × ${OPS.length} operations = ${allowed + refused} calls; ${allowed} allowed, ${refused} refused`,
    );
    expect(rows).toEqual([]);
    expect(refused).toBeGreaterThan(200);
  }, 300_000);

  it("profiles and users: own profile or admin; user management admin only; refusals change nothing", async () => {
    const rows: string[] = [];
    for (const who of ["claire", "yanis", "editor", "admin", "gone"] as const) {
      const u = cast[who];
      for (const target of [cast.claire, cast.editor]) {
        const current = (await getAuthorProfile({ db: t.db, userId: target.id }))!;
        const want = canEditProfile(u, target.id).ok;
        const before = await dbDigest(t.db);
        const r = await updateProfile(t.db, u, {
          userId: target.id,
          profile: { displayName: current.displayName, slug: current.slug, jobTitle: `par ${who}`, bio: "", bioLanguage: "fr", location: "", links: [] },
        });
        if (r.ok !== want) rows.push(`profile of ${target.id === cast.claire.id ? "claire" : "editor"} by ${who}: got ${r.ok}`);
        if (!want && JSON.stringify(before) !== JSON.stringify(await dbDigest(t.db))) rows.push(`profile by ${who}: refused but changed`);
      }
      const admin = canGlobal(u, "users:manage").ok;
      const calls: [string, () => Promise<{ ok: boolean }>][] = [
        ["create user", () => createUser(t.db, u, { name: "Nouvelle", email: `new-${who}@example.test`, role: "admin" })],
        ["change role", () => changeRole(t.db, u, { userId: cast.yanis.id, role: "admin" })],
        ["deactivate", () => setActive(t.db, u, { userId: cast.editor2.id, active: false })],
        ["reset password", () => resetPassword(t.db, u, { userId: cast.admin.id })],
      ];
      for (const [name, call] of calls) {
        const before = await dbDigest(t.db);
        const r = await call();
        if (r.ok !== admin) rows.push(`${name} by ${who}: got ${r.ok}`);
        if (!admin && JSON.stringify(before) !== JSON.stringify(await dbDigest(t.db))) rows.push(`${name} by ${who}: refused but changed`);
        if (r.ok && name === "change role") await changeRole(t.db, cast.admin, { userId: cast.yanis.id, role: "journalist" });
        if (r.ok && name === "deactivate") await setActive(t.db, cast.admin, { userId: cast.editor2.id, active: true });
      }
    }
    expect(rows).toEqual([]);
  });

  it("bylines and co-authors: each role, allowed and forbidden, matches canChangeByline; refusals change nothing", async () => {
    const [zoeRow] = await t.db.insert(users).values({ email: "zoe@example.test", name: "Zoé", role: "journalist", active: true }).returning();
    const zoe: PolicyUser = { id: zoeRow.id, role: "journalist", active: true };
    const actors: [string, PolicyUser][] = [
      ["creator", cast.claire],
      ["co-author", cast.yanis],
      ["outsider journalist", zoe],
      ["editor", cast.editor],
      ["admin", cast.admin],
      ["deactivated editor", cast.gone],
    ];
    const { claire, yanis, editor2 } = cast;
    const changes: [string, string[]][] = [
      ["add a co-author", [claire.id, yanis.id, editor2.id]],
      ["remove the creator", [yanis.id]],
      ["remove the co-author", [claire.id]],
      ["co-author first", [yanis.id, claire.id]],
      ["hand it to someone else", [editor2.id]],
    ];
    const rows: string[] = [];
    let allowed = 0;
    for (const status of ["draft", "in_review", "published"] as const) {
      for (const [who, u] of actors) {
        for (const [name, after] of changes) {
          const a = await makeArticle(t.db, claire.id, undefined, [yanis.id]);
          if (status !== "draft") await t.db.update(articles).set({ status }).where(eq(articles.id, a.id));
          const before = [claire.id, yanis.id];
          const want = canChangeByline(u, { status, authorIds: before, createdById: claire.id }, before, after).ok;
          const digest = await dbDigest(t.db);
          const r = await saveArticle(t.db, u, { id: a.id, expectedVersion: await version(a.id), changes: { authorIds: after } });
          if (r.ok !== want) rows.push(`${status} / ${who} / ${name}: got ${r.ok ? "allowed" : "refused"}, policy says ${want ? "allow" : "refuse"}`);
          const now = await listAuthorIds({ db: t.db, articleId: a.id });
          if (want) allowed++;
          if (!want && JSON.stringify(digest) !== JSON.stringify(await dbDigest(t.db))) rows.push(`${status} / ${who} / ${name}: refused but changed`);
          if (r.ok && now.join() !== after.join()) rows.push(`${status} / ${who} / ${name}: saved ${now.join()}`);
        }
      }
    }
    expect(rows).toEqual([]);
    // Spot checks of the policy itself: the co-author takeover is refused, an editor may do anything.
    const draft = { status: "draft" as const, authorIds: [claire.id, yanis.id], createdById: claire.id };
    expect(canChangeByline(yanis, draft, draft.authorIds, [yanis.id]).ok).toBe(false);
    expect(canChangeByline(claire, draft, draft.authorIds, [claire.id]).ok).toBe(true);
    expect(canChangeByline(cast.editor, draft, draft.authorIds, [editor2.id]).ok).toBe(true);
    expect(allowed).toBeGreaterThan(10);
  }, 300_000);

  it("a copy as a new draft belongs to the actor, whatever ids the client sends", async () => {
    const r = await copyAsNewDraft(t.db, cast.yanis, { headline: "Copie", authorIds: [cast.claire.id] } as never);
    expect(r.ok).toBe(true);
    if (r.ok) expect(await listAuthorIds({ db: t.db, articleId: r.id })).toEqual([cast.yanis.id]);
    const gone = await copyAsNewDraft(t.db, cast.gone, { headline: "x" });
    expect(gone.ok).toBe(false);
  });
});
