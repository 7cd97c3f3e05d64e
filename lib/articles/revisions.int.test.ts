import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { listArticleTags } from "@/db/queries/article-tags";
import { getRevision, listRevisions } from "@/db/queries/revisions";
import { insertUser } from "@/db/queries/users";
import { articleRevisions, articles } from "@/db/schema";
import type { PolicyUser } from "@/lib/permissions";
import { docFromParagraphs } from "@/lib/rich-text/body";
import { createTestDb, type TestDb } from "@/testing/db";

import { saveArticle } from "./editing";
import { diffRevisions, restoreRevision, revisionText, saveVersion } from "./revisions";
import { createArticle } from "./store";

let t: TestDb;
let claire: PolicyUser;
let yanis: PolicyUser;

beforeAll(async () => {
  t = await createTestDb();
  claire = {
    id: (await insertUser({ db: t.db, email: "c@example.org", name: "Claire Martin", role: "journalist", passwordHash: null })).id,
    role: "journalist",
    active: true,
  };
  yanis = {
    id: (await insertUser({ db: t.db, email: "y@example.org", name: "Yanis Benali", role: "journalist", passwordHash: null })).id,
    role: "journalist",
    active: true,
  };
});
afterAll(async () => t?.drop());

describe("revisions", () => {
  it("cuts immutable revisions, compares them word by word and restores one as a new working copy", async () => {
    const a = await createArticle(t.db, {
      createdById: claire.id,
      headline: "La Chine dément",
      body: docFromParagraphs(["Pékin rejette les accusations."]),
      tags: ["Chine"],
    });
    const v1 = await saveVersion(t.db, claire, { articleId: a.id, note: "premier jet" });
    expect(v1).toMatchObject({ ok: true, revision: { number: 1 } });
    const saved = await saveArticle(t.db, claire, {
      id: a.id,
      expectedVersion: 1,
      changes: { body: docFromParagraphs(["Pékin rejette fermement les accusations."]), tags: ["APT41"] },
    });
    expect(saved.ok).toBe(true);
    await saveVersion(t.db, claire, { articleId: a.id });

    const list = await listRevisions({ db: t.db, articleId: a.id });
    expect(list.map((r) => [r.number, r.reason, r.note, r.createdByName])).toEqual([
      [2, "save_version", null, "Claire Martin"],
      [1, "save_version", "premier jet", "Claire Martin"],
    ]);
    const [r1, r2] = [await getRevision({ db: t.db, articleId: a.id, number: 1 }), await getRevision({ db: t.db, articleId: a.id, number: 2 })];
    const parts = diffRevisions(revisionText(r1!), revisionText(r2!));
    expect(parts).toContainEqual({ kind: "ins", text: "fermement " });
    expect(parts.some((p) => p.kind === "del" && p.text.includes("Chine"))).toBe(true);

    // Cut revisions never change (the database refuses it too).
    await expect(t.db.update(articleRevisions).set({ headline: "x" }).where(eq(articleRevisions.id, r1!.id))).rejects.toThrow();

    const restored = await restoreRevision(t.db, claire, { articleId: a.id, number: 1 });
    expect(restored).toEqual({ ok: true, version: 3 });
    const [article] = await t.db.select().from(articles).where(eq(articles.id, a.id));
    expect(article.body).toEqual(docFromParagraphs(["Pékin rejette les accusations."]));
    expect((await listArticleTags({ db: t.db, articleId: a.id })).map((x) => x.name)).toEqual(["Chine"]);
    // The working copy was already revision 2, so nothing extra was cut.
    expect((await listRevisions({ db: t.db, articleId: a.id })).length).toBe(2);
    expect((await getRevision({ db: t.db, articleId: a.id, number: 2 }))!.body).toEqual(docFromParagraphs(["Pékin rejette fermement les accusations."]));
  });

  it("keeps an unsaved working copy as a revision before restoring over it", async () => {
    const a = await createArticle(t.db, { createdById: claire.id, headline: "Titre" });
    await saveVersion(t.db, claire, { articleId: a.id });
    await saveArticle(t.db, claire, { id: a.id, expectedVersion: 1, changes: { headline: "Titre modifié" } });
    await restoreRevision(t.db, claire, { articleId: a.id, number: 1 });
    const list = await listRevisions({ db: t.db, articleId: a.id });
    expect(list[0]).toMatchObject({ number: 2, reason: "before_restore" });
    expect((await getRevision({ db: t.db, articleId: a.id, number: 2 }))!.headline).toBe("Titre modifié");
  });

  it("refuses other journalists", async () => {
    const a = await createArticle(t.db, { createdById: claire.id, headline: "Privé" });
    expect(await saveVersion(t.db, yanis, { articleId: a.id })).toMatchObject({ ok: false, code: "forbidden:article" });
    await saveVersion(t.db, claire, { articleId: a.id });
    expect(await restoreRevision(t.db, yanis, { articleId: a.id, number: 1 })).toMatchObject({ ok: false });
    expect(await listRevisions({ db: t.db, articleId: a.id })).toHaveLength(1);
  });
});
