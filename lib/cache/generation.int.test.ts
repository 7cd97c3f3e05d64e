import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { getPublicGeneration } from "@/db/queries/system";
import { insertUser } from "@/db/queries/users";
import { articles, authorProfiles } from "@/db/schema";
import { createArticle, makeLive } from "@/lib/articles/store";
import { docFromParagraphs } from "@/lib/rich-text/body";
import { createTestDb, type TestDb } from "@/testing/db";

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(async () => t?.drop());

describe("public cache generation", () => {
  it("moves with every change readers can see, and only then", async () => {
    const user = await insertUser({ db: t.db, email: "gen@example.org", name: "Gen Test", role: "editor", passwordHash: null });
    const article = await createArticle(t.db, { createdById: user.id, headline: "Générations", body: docFromParagraphs(["Texte"]) });
    let before = await getPublicGeneration({ db: t.db });

    // A working-copy save (what autosave does) is invisible to readers: no bump.
    await t.db.update(articles).set({ headline: "Générations, brouillon", version: 2 }).where(eq(articles.id, article.id));
    expect(await getPublicGeneration({ db: t.db })).toBe(before);

    await t.db.transaction((tx) => makeLive(tx, article.id, { actorId: user.id }));
    const afterPublish = await getPublicGeneration({ db: t.db });
    expect(afterPublish).toBeGreaterThan(before);

    await t.db.update(articles).set({ status: "unpublished" }).where(eq(articles.id, article.id));
    const afterUnpublish = await getPublicGeneration({ db: t.db });
    expect(afterUnpublish).toBeGreaterThan(afterPublish);

    before = afterUnpublish;
    await t.db.update(authorProfiles).set({ bio: "Nouvelle bio" }).where(eq(authorProfiles.userId, user.id));
    expect(await getPublicGeneration({ db: t.db })).toBeGreaterThan(before);
  });

  it("is not visible before the changing transaction commits", async () => {
    const before = await getPublicGeneration({ db: t.db });
    await expect(
      t.db.transaction(async (tx) => {
        await tx.update(authorProfiles).set({ jobTitle: "Rolled back" });
        throw new Error("rollback");
      }),
    ).rejects.toThrow("rollback");
    expect(await getPublicGeneration({ db: t.db })).toBe(before);
  });
});
