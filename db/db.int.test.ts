import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { queryRows } from "@/db";
import { insertUser } from "@/db/queries/users";
import * as s from "@/db/schema";
import { createArticle, makeLive, searchConfigFor } from "@/lib/articles/store";
import { docFromParagraphs } from "@/lib/rich-text/body";
import { createTestDb, type TestDb } from "@/testing/db";

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(async () => {
  await t?.drop();
});

describe(`database module (${process.env.TEST_ENGINE ?? "pglite"})`, () => {
  it("is migrated from empty with every table", async () => {
    const rows = await queryRows<{ table_name: string }>(t.db, sql`select table_name from information_schema.tables where table_schema = 'public' order by 1`);
    expect(rows.map((r) => r.table_name)).toEqual(
      expect.arrayContaining([
        "users",
        "author_profiles",
        "user_tokens",
        "sign_in_attempts",
        "sections",
        "tags",
        "articles",
        "article_authors",
        "article_revisions",
        "article_tags",
        "published_article_tags",
        "corrections",
        "slug_redirects",
        "media",
        "comments",
        "events",
        "notifications",
        "email_outbox",
        "presence",
        "site_settings",
      ]),
    );
  });

  it("inserts and reads each domain, keeping Unicode intact", async () => {
    const user = await insertUser({ db: t.db, email: "Zoé@Example.org", name: "Zoé Ōtani 🇯🇵", role: "journalist", passwordHash: null });
    const [section] = await t.db.insert(s.sections).values({ name: "Économie", slug: "economie" }).returning();
    const article = await createArticle(t.db, {
      createdById: user.id,
      headline: "L’État « réagit » — 東京",
      sectionId: section.id,
      highlights: ["Point clé ’1’"],
      body: docFromParagraphs(["Un texte avec des accents : é, à, ç."]),
      tags: ["#CybersécuritéFrançaise", "cybersécurité française", "APT41"],
    });
    const [stored] = await t.db.select().from(s.articles).where(eq(s.articles.id, article.id));
    expect(stored.headline).toBe("L’État « réagit » — 東京");
    expect(stored.slug).toBe("l-etat-reagit-東京");
    const tagRows = await t.db.select().from(s.articleTags).where(eq(s.articleTags.articleId, article.id));
    expect(tagRows).toHaveLength(2);
    await t.db.insert(s.comments).values({ articleId: article.id, authorId: user.id, body: "Très bien ’" });
    await t.db.insert(s.notifications).values({ userId: user.id, articleId: article.id, type: "comment", message: "Nouveau commentaire" });
    await t.db.insert(s.emailOutbox).values({ to: "a@example.org", subject: "Sujet", text: "Corps" });
    await t.db.insert(s.presence).values({ articleId: article.id, userId: user.id });
    await t.db.insert(s.slugRedirects).values({ oldSlug: "ancien", articleId: article.id });
    await t.db.insert(s.signInAttempts).values({ email: "zoé@example.org", ip: "127.0.0.1", success: false });
    await t.db.insert(s.siteSettings).values({ key: "twoPersonRule", value: true });
    await t.db.insert(s.media).values({ path: "/uploads/x.webp", mimeType: "image/webp", bytes: 10 });
    await t.db.insert(s.userTokens).values({ tokenHash: "h", userId: user.id, purpose: "invite", expiresAt: new Date() });
    const revision = await makeLive(t.db, article.id, { actorId: user.id, correction: "Précision ajoutée" });
    // French bodies are rendered with a narrow no-break space before ";:!?" (renderBodyHtml in lib/rich-text/body.ts).
    expect(revision.bodyHtml).toContain("<p>Un texte avec des accents\u202f: é, à, ç.</p>");
    const published = await t.db.select().from(s.publishedArticleTags).where(eq(s.publishedArticleTags.articleId, article.id));
    expect(published).toHaveLength(2);
    const [c] = await t.db.select().from(s.corrections).where(eq(s.corrections.articleId, article.id));
    expect(c.note).toBe("Précision ajoutée");
    expect(await t.db.select().from(s.events).where(eq(s.events.articleId, article.id))).toHaveLength(1);
  });

  it("treats emails case-insensitively as unique", async () => {
    await insertUser({ db: t.db, email: "dup@example.org", name: "A", role: "journalist", passwordHash: null });
    await expect(insertUser({ db: t.db, email: "DUP@example.org", name: "B", role: "journalist", passwordHash: null })).rejects.toThrow();
  });

  it("finds cybersécurité without accents, with French stemming", async () => {
    const cfg = searchConfigFor("fr");
    const [row] = await queryRows<{ hit: boolean; stem: boolean }>(
      t.db,
      sql`select
        to_tsvector(${cfg}::regconfig, 'La cybersécurité des hôpitaux') @@ websearch_to_tsquery(${cfg}::regconfig, 'cybersecurite hopital') as hit,
        to_tsvector(${cfg}::regconfig, 'les attaques') @@ websearch_to_tsquery(${cfg}::regconfig, 'attaque') as stem`,
    );
    expect(row).toEqual({ hit: true, stem: true });
    const matches = await queryRows<{ headline: string }>(
      t.db,
      sql`select headline from articles where search_vector @@ websearch_to_tsquery('newsroom_fr', 'etat reagit')`,
    );
    expect(matches.map((m) => m.headline)).toContain("L’État « réagit » — 東京");
  });

  it("refuses updates and deletes on the event log and on cut revisions", async () => {
    await t.db.insert(s.events).values({ type: "test.event" });
    await expect(t.db.update(s.events).set({ type: "changed" })).rejects.toThrow();
    await expect(t.db.delete(s.events)).rejects.toThrow();
    await expect(t.db.update(s.articleRevisions).set({ headline: "changed" })).rejects.toThrow();
  });
});
