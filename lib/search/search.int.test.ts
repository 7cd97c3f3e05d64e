import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { articles, users } from "@/db/schema";
import { searchPublishedArticles } from "@/db/queries/public-search";
import { createArticle, makeLive } from "@/lib/articles/store";
import { seedDemo } from "@/lib/demo/seed";
import { docFromParagraphs } from "@/lib/rich-text/body";
import { createTestDb, type TestDb } from "@/lib/testing/db";
import { snippetParts } from "./query";

let t: TestDb;
const slugs = async (query: string, page = 1) => (await searchPublishedArticles({ db: t.db, query, page })).hits.map((h) => h.slug);

beforeAll(async () => {
  t = await createTestDb();
  await seedDemo(t.db);
  const [editor] = await t.db.select().from(users).where(eq(users.email, "editor@newsroom.test"));
  // Two extra French articles: one says "cybersécurité" once in the body, one in the headline.
  for (const [headline, paragraph] of [
    ["La cybersécurité des collectivités en question", "Les mairies renforcent leur cybersécurité après une série d’attaques."],
    ["Rapport sur les collectivités locales", "Un paragraphe mentionne la cybersécurité une seule fois."],
  ]) {
    const a = await createArticle(t.db, { createdById: editor.id, headline, language: "fr", body: docFromParagraphs([paragraph]) });
    await makeLive(t.db, a.id, { actorId: editor.id });
  }
});
afterAll(async () => {
  await t?.drop();
});

describe(`public search (${process.env.TEST_ENGINE ?? "pglite"})`, () => {
  it("folds accents: cybersecurite finds cybersécurité", async () => {
    const found = await slugs("cybersecurite");
    expect(found).toContain("la-cybersecurite-des-collectivites-en-question");
    expect(found).toContain("rapport-sur-les-collectivites-locales");
  });

  it("ranks a headline match above a single body mention", async () => {
    const found = await slugs("cybersécurité collectivités");
    expect(found.indexOf("la-cybersecurite-des-collectivites-en-question")).toBeLessThan(found.indexOf("rapport-sur-les-collectivites-locales"));
    const { hits } = await searchPublishedArticles({ db: t.db, query: "cybersécurité" });
    expect(hits.map((h) => h.rank)).toEqual([...hits.map((h) => h.rank)].sort((a, b) => b - a));
  });

  it("stems French: hôpital finds the article about hôpitaux, attaquer finds attaque", async () => {
    expect(await slugs("hôpital")).toContain("la-chine-nie-toute-implication-dans-la-cyberattaque-contre-les-hopitaux-francais");
    expect(await slugs("hopitaux")).toContain("la-chine-nie-toute-implication-dans-la-cyberattaque-contre-les-hopitaux-francais");
    expect(await slugs("sanctionné")).toContain("la-chine-nie-toute-implication-dans-la-cyberattaque-contre-les-hopitaux-francais");
  });

  it("searches English articles with English stemming", async () => {
    expect(await slugs("port alerting")).toContain("european-ports-test-a-shared-cyber-alert-network");
  });

  it("highlights matches only with its own marks, and the snippet is plain text", async () => {
    const { hits } = await searchPublishedArticles({ db: t.db, query: "rançongiciel" });
    expect(hits.length).toBeGreaterThan(0);
    const parts = snippetParts(hits[0].snippet);
    expect(parts.some((p) => p.mark && /rançongiciel/i.test(p.text))).toBe(true);
    expect(hits[0].snippet).not.toMatch(/<|&lt;|&amp;/);
  });

  it("never returns anything unpublished", async () => {
    for (const q of ["brouillon objets connectés", "start-up levées", "fret ferroviaire", "chômage erronés", "semi-conducteurs Taïwan"]) {
      expect(await slugs(q)).toEqual([]);
    }
  });

  it("answers hostile queries with results or an empty page, never an error", async () => {
    const hostile = [
      "'", '"', '"unterminated', "a & b | !c", "!!!", "(", ")", "<->", "foo:*", "'; drop table articles; --",
      "1' or '1'='1", "\\", "%_", "\u0000chine", "\uD800", "-", "or", "le la les", "😀", "x".repeat(10_000),
      "chine ".repeat(2_000), "<script>alert(1)</script>", "$1", "::regconfig", "websearch_to_tsquery('x')",
    ];
    for (const q of hostile) {
      const result = await searchPublishedArticles({ db: t.db, query: q });
      expect(Array.isArray(result.hits)).toBe(true);
    }
    expect(await slugs("'; drop table articles; -- chine")).toEqual([]);
    expect((await t.db.select().from(articles)).length).toBeGreaterThan(5);
    expect(await slugs('"la chine nie"')).toContain("la-chine-nie-toute-implication-dans-la-cyberattaque-contre-les-hopitaux-francais");
    expect(await slugs("chine -hôpitaux")).not.toContain("la-chine-nie-toute-implication-dans-la-cyberattaque-contre-les-hopitaux-francais");
  });

  it("keeps tag-like text in snippets as text", async () => {
    const [editor] = await t.db.select().from(users).where(eq(users.email, "editor@newsroom.test"));
    const a = await createArticle(t.db, { createdById: editor.id, headline: "Balise", language: "fr", body: docFromParagraphs(["Le code </script><b>gras</b> est cité."]) });
    await makeLive(t.db, a.id, { actorId: editor.id });
    const { hits } = await searchPublishedArticles({ db: t.db, query: "gras" });
    const text = snippetParts(hits[0].snippet).map((p) => p.text).join("");
    expect(text).toContain("</script><b>gras</b>");
  });

  it("pages results", async () => {
    const all = await searchPublishedArticles({ db: t.db, query: "cybersécurité OR électricité OR ports", pageSize: 100 });
    expect(all.total).toBeGreaterThanOrEqual(3);
    const first = await searchPublishedArticles({ db: t.db, query: "cybersécurité OR électricité OR ports", pageSize: 2, page: 1 });
    const second = await searchPublishedArticles({ db: t.db, query: "cybersécurité OR électricité OR ports", pageSize: 2, page: 2 });
    expect(first.hits).toHaveLength(2);
    expect(first.total).toBe(all.total);
    expect(second.hits.map((h) => h.id)).toEqual(all.hits.slice(2, 4).map((h) => h.id));
  });
});
