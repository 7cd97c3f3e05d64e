import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { articles } from "@/db/schema";
import { createTestDb, type TestDb } from "@/testing/db";
import { makeArticle, makeCast, type Cast } from "@/testing/workflow-fixtures";

import { loadArticleForUser } from "./access";

let t: TestDb;
let cast: Cast;
beforeAll(async () => {
  t = await createTestDb();
  cast = await makeCast(t.db, "access-");
});
afterAll(async () => t?.drop());

describe("loadArticleForUser", () => {
  it("gives an author and an editor the article, its byline in order and the policy input", async () => {
    const a = await makeArticle(t.db, cast.claire.id, "Une enquête", [cast.yanis.id]);
    for (const user of [cast.claire, cast.yanis, cast.editor]) {
      const r = await loadArticleForUser({ db: t.db, id: a.id, user, action: "view" });
      expect(r.ok).toBe(true);
      if (!r.ok) continue;
      expect(r.article.id).toBe(a.id);
      expect(r.authorIds).toEqual([cast.claire.id, cast.yanis.id]);
      expect(r.authors.map((x) => x.name)).toEqual(["Claire access-", "Yanis access-"]);
      expect(r.policy).toEqual({ status: "draft", authorIds: [cast.claire.id, cast.yanis.id], hasUnpublishedChanges: false });
    }
  });

  it("refuses someone else's journalist with the policy's answer, and says not_found for a missing or malformed id", async () => {
    const a = await makeArticle(t.db, cast.claire.id);
    expect(await loadArticleForUser({ db: t.db, id: a.id, user: cast.yanis, action: "view" })).toEqual({
      ok: false,
      code: "forbidden:article",
      reason: "This article is not yours.",
    });
    for (const id of ["00000000-0000-4000-8000-000000000000", "not-a-uuid"]) {
      const r = await loadArticleForUser({ db: t.db, id, user: cast.editor, action: "view" });
      expect(r).toMatchObject({ ok: false, code: "not_found" });
    }
  });

  it("checks the action asked for: an author may view an article in review but not edit it", async () => {
    const a = await makeArticle(t.db, cast.claire.id);
    await t.db.update(articles).set({ status: "in_review" }).where(eq(articles.id, a.id));
    expect((await loadArticleForUser({ db: t.db, id: a.id, user: cast.claire, action: "view" })).ok).toBe(true);
    expect(await loadArticleForUser({ db: t.db, id: a.id, user: cast.claire, action: "edit" })).toMatchObject({ ok: false, code: "locked" });
    expect((await loadArticleForUser({ db: t.db, id: a.id, user: cast.editor, action: "edit" })).ok).toBe(true);
  });
});
