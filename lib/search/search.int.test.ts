import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { SEARCH_CAP, SEARCH_WINDOW, searchPublishedArticles } from "@/db/queries/public-search";
import { articles, users } from "@/db/schema";
import { createArticle, makeLive } from "@/lib/articles/store";
import { seedDemo } from "@/lib/demo/seed";
import { DICTIONARIES } from "@/lib/i18n/dictionaries";
import { docFromParagraphs } from "@/lib/rich-text/body";
import { createTestDb, type TestDb } from "@/testing/db";

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

  it("leaves out an article that has a word excluded with a minus, in every language's parsing", async () => {
    const china = "la-chine-nie-toute-implication-dans-la-cyberattaque-contre-les-hopitaux-francais";
    expect(await slugs("cyberattaque")).toContain(china);
    for (const q of ["cyberattaque -chine", "cyberattaque -Chine", "hôpitaux -chine", "-chine"]) expect(await slugs(q), q).not.toContain(china);
    expect(await slugs("cyberattaque -pékin")).not.toContain(china);
    // An English article keeps what English parsing says of it.
    expect(await slugs("port -alerting")).not.toContain("european-ports-test-a-shared-cyber-alert-network");
    expect(await slugs("port -chine")).toContain("european-ports-test-a-shared-cyber-alert-network");
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
      "'",
      '"',
      '"unterminated',
      "a & b | !c",
      "!!!",
      "(",
      ")",
      "<->",
      "foo:*",
      "'; drop table articles; --",
      "1' or '1'='1",
      "\\",
      "%_",
      "\u0000chine",
      "\uD800",
      "-",
      "or",
      "le la les",
      "😀",
      "x".repeat(10_000),
      "chine ".repeat(2_000),
      "<script>alert(1)</script>",
      "$1",
      "::regconfig",
      "websearch_to_tsquery('x')",
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

  it("marks the words found in the headline, and a word found only in a key point shows in the snippet", async () => {
    const energy = (await searchPublishedArticles({ db: t.db, query: "électricité" })).hits.find((h) => h.slug.startsWith("les-prix-de-l-electricite"));
    expect(
      snippetParts(energy!.headlineMarked)
        .filter((p) => p.mark)
        .map((p) => p.text.toLowerCase()),
    ).toEqual(["électricité"]);
    expect(
      snippetParts(energy!.headlineMarked)
        .map((p) => p.text)
        .join(""),
    ).toBe(energy!.headline);
    const china = (await searchPublishedArticles({ db: t.db, query: "dégradé" })).hits.find((h) => h.slug.startsWith("la-chine-nie"));
    expect(snippetParts(china!.snippet).some((p) => p.mark && /dégradé/i.test(p.text))).toBe(true);
  });

  it("keeps tag-like text in snippets as text", async () => {
    const [editor] = await t.db.select().from(users).where(eq(users.email, "editor@newsroom.test"));
    const a = await createArticle(t.db, {
      createdById: editor.id,
      headline: "Balise",
      language: "fr",
      body: docFromParagraphs(["Le code </script><b>gras</b> est cité."]),
    });
    await makeLive(t.db, a.id, { actorId: editor.id });
    const { hits } = await searchPublishedArticles({ db: t.db, query: "gras" });
    const text = snippetParts(hits[0].snippet)
      .map((p) => p.text)
      .join("");
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

  // Only the `cap` most recent matches are ranked (db/queries/public-search.ts). A common query
  // finds them in a window of the most recent articles; a rarer one through the GIN index.
  // Small caps and windows make both paths visible on the demo newsroom.
  describe("bounded ranking", () => {
    const BROAD = "cybersécurité OR électricité OR ports OR chine OR hôpital OR europe OR marché";
    const byRecency = (hits: { id: string; firstPublishedAt: string }[]) =>
      [...hits].sort((a, b) => b.firstPublishedAt.localeCompare(a.firstPublishedAt) || b.id.localeCompare(a.id)).map((h) => h.id);

    it("caps a common query at the most recent matches and says so", async () => {
      const all = await searchPublishedArticles({ db: t.db, query: BROAD, pageSize: 100 });
      expect(all.capped).toBe(false);
      expect(all.total).toBeGreaterThanOrEqual(5);
      expect(all.total).toBeLessThan(SEARCH_CAP);
      for (const window of [2, 3, 100]) {
        const capped = await searchPublishedArticles({ db: t.db, query: BROAD, pageSize: 100, cap: 3, window });
        expect(capped.capped).toBe(true);
        expect(capped.total).toBe(3);
        expect(capped.hits).toHaveLength(3);
        // The three most recent of all matches, shown in rank order.
        expect(new Set(capped.hits.map((h) => h.id))).toEqual(new Set(byRecency(all.hits).slice(0, 3)));
        expect(capped.hits.map((h) => h.rank)).toEqual([...capped.hits.map((h) => h.rank)].sort((a, b) => b - a));
      }
    });

    it("is not capped when exactly `cap` articles match", async () => {
      const all = await searchPublishedArticles({ db: t.db, query: BROAD, pageSize: 100 });
      const exact = await searchPublishedArticles({ db: t.db, query: BROAD, pageSize: 100, cap: all.total, window: 2 });
      expect(exact.capped).toBe(false);
      expect(exact.total).toBe(all.total);
      expect(new Set(exact.hits.map((h) => h.id))).toEqual(new Set(all.hits.map((h) => h.id)));
    });

    it("finds a rare term in an article older than the window", async () => {
      const all = await searchPublishedArticles({ db: t.db, query: BROAD, pageSize: 100 });
      const oldest = byRecency(all.hits).at(-1)!;
      const headline = all.hits.find((h) => h.id === oldest)!.headline;
      // A window of one article: only the newest is walked, the rest comes from the GIN index.
      const found = await searchPublishedArticles({ db: t.db, query: `"${headline}"`, cap: 5, window: 1 });
      expect(found.hits.map((h) => h.id)).toContain(oldest);
      expect(found.capped).toBe(false);
    });

    it("gives the same results whichever path finds them", async () => {
      for (const query of ["cybersécurité", "chine -hôpitaux", "port alerting", BROAD, "31337"]) {
        const reference = await searchPublishedArticles({ db: t.db, query, pageSize: 100 });
        for (const window of [1, 2, 5]) {
          for (const cap of [2, 4, SEARCH_CAP]) {
            const r = await searchPublishedArticles({ db: t.db, query, pageSize: 100, cap, window });
            expect(r.total).toBe(Math.min(reference.total, cap));
            expect(r.capped).toBe(reference.total > cap);
            expect(new Set(r.hits.map((h) => h.id))).toEqual(new Set(byRecency(reference.hits).slice(0, cap)));
          }
        }
      }
      expect(SEARCH_WINDOW).toBeGreaterThan(SEARCH_CAP);
    });

    it("pages within the cap only", async () => {
      const p1 = await searchPublishedArticles({ db: t.db, query: BROAD, pageSize: 2, page: 1, cap: 3, window: 2 });
      const p2 = await searchPublishedArticles({ db: t.db, query: BROAD, pageSize: 2, page: 2, cap: 3, window: 2 });
      const p3 = await searchPublishedArticles({ db: t.db, query: BROAD, pageSize: 2, page: 3, cap: 3, window: 2 });
      expect(p1.hits).toHaveLength(2);
      expect(p2.hits).toHaveLength(1);
      expect(p3.hits).toHaveLength(0);
      expect(new Set([...p1.hits, ...p2.hits].map((h) => h.id)).size).toBe(3);
    });

    it("labels a capped count as N+ in both languages", () => {
      expect(DICTIONARIES.fr.searchResultsFor("chine", 1000, true)).toBe("1000+ résultats pour «\u202fchine\u202f» (les 1000 plus récents sont affichés)");
      expect(DICTIONARIES.en.searchResultsFor("china", 1000, true)).toBe("1000+ results for “china” (the 1000 most recent are shown)");
      expect(DICTIONARIES.en.searchResultsFor("china", 1)).toBe("1 result for “china”");
    });
  });
});
