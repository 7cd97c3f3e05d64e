import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { listAuthorIds } from "@/db/queries/article-people";
import { articles, users } from "@/db/schema";
import { saveArticle } from "@/lib/articles/editing";
import { canArticle, type PolicyUser } from "@/lib/permissions";
import { ARTICLE_STATUSES, type ArticleStatus } from "@/lib/workflow/article-workflow";
import { createTestDb, type TestDb } from "@/testing/db";
import { dbDigest } from "@/testing/db-digest";
import { articleInState, makeCast, type Cast } from "@/testing/workflow-fixtures";

/**
 * Who may change the search and social fields: exactly who may edit the article (they are part of
 * the working copy), for each actor × each state, on the author's own article and another's.
 * A refused save changes nothing. Signed-out requests never reach the domain function: the
 * server action refuses them first (e2e/sign-off-seo.spec.ts opens the page signed out).
 */
let t: TestDb;
let cast: Cast & { gone: PolicyUser };

function articleIn(status: ArticleStatus): Promise<string> {
  return articleInState(t.db, { authorId: cast.claire.id, publisherId: cast.editor.id, status });
}

beforeAll(async () => {
  t = await createTestDb();
  const c = await makeCast(t.db, "authz-seo-");
  const [gone] = await t.db.insert(users).values({ email: "gone-seo@example.test", name: "Gone", role: "editor", active: false }).returning();
  cast = { ...c, gone: { id: gone.id, role: "editor", active: false } };
}, 60_000);
afterAll(async () => t?.drop());

describe(`search and social fields: authorisation (${process.env.TEST_ENGINE ?? "pglite"})`, () => {
  it("only those who may edit the article may save them, in every state; a refusal changes nothing", async () => {
    const rows: string[] = [];
    let refused = 0;
    for (const status of ARTICLE_STATUSES) {
      // claire is the author: "claire" is her own article, "yanis" another journalist's view of it.
      for (const who of ["claire", "yanis", "editor", "admin", "gone"] as const) {
        const u = cast[who];
        const id = await articleIn(status);
        const want = canArticle(u, "edit", { status, authorIds: await listAuthorIds({ db: t.db, articleId: id }) }).ok;
        const [{ version }] = await t.db.select({ version: articles.version }).from(articles).where(eq(articles.id, id));
        const before = await dbDigest(t.db);
        const r = await saveArticle(t.db, u, {
          id,
          expectedVersion: version,
          changes: { seo: { seoTitle: `par ${who}`, canonicalUrl: "https://a.example/" } },
        });
        if (r.ok !== want) rows.push(`${status} / ${who}: got ${r.ok ? "allowed" : `refused (${r.code})`}, policy says ${want ? "allow" : "refuse"}`);
        if (!want) {
          refused++;
          const after = await dbDigest(t.db);
          const changed = Object.keys(before).filter((k) => before[k] !== after[k]);
          if (changed.length) rows.push(`${status} / ${who}: refused but changed ${changed.join(", ")}`);
        } else {
          const [row] = await t.db.select({ seo: articles.seo }).from(articles).where(eq(articles.id, id));
          if (row.seo.seoTitle !== `par ${who}`) rows.push(`${status} / ${who}: allowed but not saved`);
        }
      }
    }
    expect(rows).toEqual([]);
    expect(refused).toBeGreaterThan(5);
  }, 300_000);
});
