import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { getPublishedArticleBySlug, listFeedArticles } from "@/db/queries/public";
import { getRevision } from "@/db/queries/revisions";
import { createTestDb, type TestDb } from "@/testing/db";
import { dbDigest } from "@/testing/db-digest";
import { articleRow, makeArticle, makeCast, type Cast } from "@/testing/workflow-fixtures";

import { saveArticle } from "./editing";
import { restoreRevision, revisionText, saveVersion } from "./revisions";
import { makeLive } from "./store";

/** The search and social fields travel with the working copy: saved, versioned, published, restored. */
let t: TestDb;
let cast: Cast;

beforeAll(async () => {
  t = await createTestDb();
  cast = await makeCast(t.db, "seo-");
}, 60_000);
afterAll(async () => t?.drop());

const seo = {
  seoTitle: "  Chine : ce que dit le rapport  ",
  metaDescription: "Le rapport de l’ANSSI en cinq points.",
  socialTitle: "Ce que l’ANSSI reproche à Pékin",
  socialDescription: "",
  socialImage: { src: "/uploads/social.webp", alt: "Le siège de l’ANSSI" },
  canonicalUrl: "https://agence.example/depeche/42",
};

describe(`search and social fields (${process.env.TEST_ENGINE ?? "pglite"})`, () => {
  it("are saved with the working copy through the version-checked save, trimmed, empty ones left out", async () => {
    const a = await makeArticle(t.db, cast.claire.id);
    const r = await saveArticle(t.db, cast.claire, { id: a.id, expectedVersion: a.version, changes: { seo } });
    expect(r).toMatchObject({ ok: true, version: a.version + 1 });
    expect((await articleRow(t.db, a.id)).seo).toEqual({
      seoTitle: "Chine : ce que dit le rapport",
      metaDescription: "Le rapport de l’ANSSI en cinq points.",
      socialTitle: "Ce que l’ANSSI reproche à Pékin",
      socialImage: { src: "/uploads/social.webp", alt: "Le siège de l’ANSSI" },
      canonicalUrl: "https://agence.example/depeche/42",
    });
    // A stale save of them is a conflict like any other field.
    const stale = await saveArticle(t.db, cast.claire, { id: a.id, expectedVersion: a.version, changes: { seo: { seoTitle: "Autre" } } });
    expect(stale).toMatchObject({ ok: false, code: "conflict" });
  });

  it("refuses a javascript: canonical URL, an oversize title and a social image without alt at their fields, changing nothing", async () => {
    const a = await makeArticle(t.db, cast.claire.id);
    const before = await dbDigest(t.db);
    const r = await saveArticle(t.db, cast.claire, {
      id: a.id,
      expectedVersion: a.version,
      changes: { seo: { canonicalUrl: "javascript:alert(document.cookie)", seoTitle: "x".repeat(201), socialImage: { src: "/uploads/a.webp", alt: "" } } },
    });
    expect(r).toMatchObject({
      ok: false,
      code: "invalid",
      // Catalogue keys: the action translates them into the interface language (lib/validations/messages.ts).
      fieldErrors: {
        "seo.canonicalUrl": ["article.canonicalUrlHttp"],
        "seo.seoTitle": ["article.seoTitleMax"],
        "seo.socialImage": ["article.socialImageAlt"],
      },
    });
    expect(await dbDigest(t.db)).toEqual(before);
  });

  it("are part of each revision, of the text the history compares, and of a restore", async () => {
    const a = await makeArticle(t.db, cast.claire.id);
    await saveArticle(t.db, cast.claire, { id: a.id, expectedVersion: a.version, changes: { seo: { seoTitle: "Premier titre" } } });
    const v1 = await saveVersion(t.db, cast.claire, { articleId: a.id });
    const row = await articleRow(t.db, a.id);
    await saveArticle(t.db, cast.claire, { id: a.id, expectedVersion: row.version, changes: { seo: { seoTitle: "Second titre" } } });
    const v2 = await saveVersion(t.db, cast.claire, { articleId: a.id });
    if (!v1.ok || !v2.ok) throw new Error("no revision");
    const r1 = await getRevision({ db: t.db, articleId: a.id, number: v1.revision.number });
    const r2 = await getRevision({ db: t.db, articleId: a.id, number: v2.revision.number });
    expect(r1!.seo).toEqual({ seoTitle: "Premier titre" });
    expect(r2!.seo).toEqual({ seoTitle: "Second titre" });
    expect(revisionText(r1!)).toContain("SEO title: Premier titre");
    expect(revisionText(r2!)).toContain("SEO title: Second titre");

    const restored = await restoreRevision(t.db, cast.claire, { articleId: a.id, number: v1.revision.number });
    expect(restored.ok).toBe(true);
    expect((await articleRow(t.db, a.id)).seo).toEqual({ seoTitle: "Premier titre" });
  });

  it("go live with the publication only: the public page and the feed read the live revision's", async () => {
    const a = await makeArticle(t.db, cast.claire.id);
    await saveArticle(t.db, cast.claire, { id: a.id, expectedVersion: a.version, changes: { seo } });
    await t.db.transaction((tx) => makeLive(tx, a.id, { actorId: cast.editor.id }));
    const live = await articleRow(t.db, a.id);
    const page = await getPublishedArticleBySlug({ db: t.db, slug: live.slug });
    expect(page!.revision.seo).toMatchObject({ seoTitle: "Chine : ce que dit le rapport", canonicalUrl: "https://agence.example/depeche/42" });
    const feedItem = (await listFeedArticles({ db: t.db })).find((i) => i.id === a.id);
    expect(feedItem!.seo).toMatchObject({ seoTitle: "Chine : ce que dit le rapport" });

    // An edit after publication waits for the next publication.
    await saveArticle(t.db, cast.editor, { id: a.id, expectedVersion: live.version, changes: { seo: { seoTitle: "Pas encore" } } });
    expect((await getPublishedArticleBySlug({ db: t.db, slug: live.slug }))!.revision.seo.seoTitle).toBe("Chine : ce que dit le rapport");
    await t.db.transaction((tx) => makeLive(tx, a.id, { actorId: cast.editor.id }));
    expect((await getPublishedArticleBySlug({ db: t.db, slug: live.slug }))!.revision.seo).toEqual({ seoTitle: "Pas encore" });
  });
});
