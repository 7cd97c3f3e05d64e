import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { articles, users } from "@/db/schema";
import { loadArticleForUser } from "@/lib/articles/access";
import type { PolicyUser } from "@/lib/permissions";
import { createPreviewLink, revokePreviewLink } from "@/lib/previews/links";
import { ARTICLE_STATUSES, type ArticleStatus } from "@/lib/workflow/article-workflow";
import { createTestDb, type TestDb } from "@/testing/db";
import { dbDigest } from "@/testing/db-digest";
import { articleInState, makeCast, type Cast } from "@/testing/workflow-fixtures";

/**
 * Who may open the newsroom preview, share a preview link and revoke one: signed out, the
 * article's author, another journalist, an editor, an admin, a deactivated editor, in every
 * state. The expected outcome is written out here (not read from lib/permissions.ts), and a
 * refused call must leave every table as it was.
 */
let t: TestDb;
let cast: Cast & { gone: PolicyUser };

const ACTORS = ["signed out", "author", "other journalist", "editor", "admin", "deactivated editor"] as const;
type Actor = (typeof ACTORS)[number];
const userOf = (who: Actor): PolicyUser | null =>
  ({ "signed out": null, author: cast.claire, "other journalist": cast.yanis, editor: cast.editor, admin: cast.admin, "deactivated editor": cast.gone })[who];

// The rules: viewing is for the authors and the desk; sharing for the desk, and for the authors
// while they may still edit the article (a draft, or changes requested).
const mayView = (who: Actor) => ["author", "editor", "admin"].includes(who);
const mayShare = (who: Actor, status: ArticleStatus) =>
  ["editor", "admin"].includes(who) || (who === "author" && ["draft", "changes_requested"].includes(status));

function articleIn(status: ArticleStatus): Promise<string> {
  return articleInState(t.db, { authorId: cast.claire.id, publisherId: cast.editor.id, status });
}

beforeAll(async () => {
  t = await createTestDb();
  const c = await makeCast(t.db);
  const [gone] = await t.db.insert(users).values({ email: "gone@example.test", name: "Gone", role: "editor", active: false }).returning();
  cast = { ...c, gone: { id: gone.id, role: "editor", active: false } };
}, 120_000);
afterAll(async () => t?.drop());

describe(`authorisation of previews (${process.env.TEST_ENGINE ?? "pglite"})`, () => {
  it("view the preview, share a link, revoke a link: each actor × each state, refusals change nothing", async () => {
    const rows: string[] = [];
    let refusals = 0;
    for (const status of ARTICLE_STATUSES as readonly ArticleStatus[]) {
      const id = await articleIn(status);
      const theirs = await createPreviewLink(t.db, cast.admin, { articleId: id, hours: 48, pinned: false });
      if (!theirs.ok) throw new Error(theirs.message);
      for (const who of ACTORS) {
        const u = userOf(who);
        const view = await loadArticleForUser({ db: t.db, id, user: u, action: "view" });
        if (view.ok !== mayView(who)) rows.push(`${status} / ${who} / view preview: got ${view.ok}`);

        const want = mayShare(who, status);
        const before = await dbDigest(t.db);
        const created = await createPreviewLink(t.db, u, { articleId: id, hours: 24, pinned: status === "draft" });
        if (created.ok !== want) rows.push(`${status} / ${who} / share: got ${created.ok}`);
        if (!want && JSON.stringify(before) !== JSON.stringify(await dbDigest(t.db))) rows.push(`${status} / ${who} / share: refused but changed`);

        // Revoke someone else's link (the admin's): a fresh one each time, so an allowed revoke
        // does not make the next actor's call a no-op.
        const target = await createPreviewLink(t.db, cast.admin, { articleId: id, hours: 48, pinned: false });
        if (!target.ok) throw new Error(target.message);
        const digest = await dbDigest(t.db);
        const revoked = await revokePreviewLink(t.db, u, { articleId: id, linkId: target.id });
        if (revoked.ok !== want) rows.push(`${status} / ${who} / revoke: got ${revoked.ok}`);
        if (!want) {
          refusals++;
          if (JSON.stringify(digest) !== JSON.stringify(await dbDigest(t.db))) rows.push(`${status} / ${who} / revoke: refused but changed`);
        }
      }
      // A link id of another article cannot be revoked through this one.
      const other = await articleIn("draft");
      const r = await revokePreviewLink(t.db, cast.admin, { articleId: other, linkId: theirs.id });
      if (r.ok) rows.push(`${status}: revoked a link through another article`);
    }
    expect(rows).toEqual([]);
    expect(refusals).toBeGreaterThan(20);
  }, 300_000);

  it("an unknown or deleted article: not found for everyone", async () => {
    const id = await articleIn("draft");
    await t.db.delete(articles).where(eq(articles.id, id));
    for (const who of ACTORS) {
      const r = await createPreviewLink(t.db, userOf(who), { articleId: id, hours: 24, pinned: false });
      expect(r.ok ? "ok" : r.code).toBe("not_found");
      expect((await loadArticleForUser({ db: t.db, id, user: userOf(who), action: "view" })).ok).toBe(false);
    }
  });
});
