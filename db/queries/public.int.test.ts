import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import * as q from "@/db/queries/public";
import { searchPublishedArticles } from "@/db/queries/public-search";
import { articles, users } from "@/db/schema";
import { makeLive } from "@/lib/articles/store";
import { DEMO_ARTICLES } from "@/lib/demo/content";
import { seedDemo } from "@/lib/demo/seed";
import { slugify } from "@/lib/slug";
import { createTestDb, type TestDb } from "@/testing/db";

let t: TestDb;
const slugOf = (key: string) => slugify(DEMO_ARTICLES.find((a) => a.key === key)!.headline);
const PUBLISHED = ["typical", "energy", "english"].map(slugOf);
const HIDDEN = ["draft", "review", "changes", "approved", "unpublished"].map(slugOf);

/** Every article slug any public query can reach. */
async function everythingPublic(): Promise<Set<string>> {
  const db = t.db;
  const seen = new Set<string>();
  const add = (rows: { slug: string }[]) => rows.forEach((r) => seen.add(r.slug));
  add(await q.listPublishedArticles({ db, limit: 1000 }));
  add(await q.listFeedArticles({ db, limit: 1000 }));
  add(await q.listSitemapArticles({ db, offset: 0, limit: 1000 }));
  for (const s of await q.listSections({ db })) add(await q.listPublishedArticles({ db, limit: 1000, where: q.inSection(s.slug) }));
  for (const front of await q.listSectionFronts({ db, perSection: 1000 })) add(front.articles);
  for (const slug of ["cybersecurite-francaise", "transport", "objets-connectes", "emploi", "startups", "taiwan"]) {
    const tag = await q.getPublicTagBySlug({ db, slug });
    if (tag) add(await q.listPublishedArticles({ db, limit: 1000, where: q.withTag(tag.id) }));
  }
  for (const u of await db.select().from(users)) add(await q.listPublishedArticles({ db, limit: 1000, where: q.byAuthor(u.id) }));
  for (const a of await db.select().from(articles)) {
    if (await q.getPublishedArticleBySlug({ db, slug: a.slug })) seen.add(a.slug);
    add(await q.listRelatedArticles({ db, articleId: a.id, limit: 100 }));
  }
  for (const word of ["objets", "fret", "chômage", "start-up", "Taïwan", "chine", "électricité"]) {
    add((await searchPublishedArticles({ db, query: word, pageSize: 100 })).hits);
  }
  return seen;
}

beforeAll(async () => {
  t = await createTestDb();
  await seedDemo(t.db);
  // The seed has no scheduled article: schedule the changes-requested one.
  await t.db
    .update(articles)
    .set({ status: "scheduled", scheduledAt: new Date(Date.now() + 3_600_000) })
    .where(eq(articles.slug, slugOf("changes")));
});
afterAll(async () => {
  await t?.drop();
});

describe(`public queries (${process.env.TEST_ENGINE ?? "pglite"})`, () => {
  it("reach exactly the published articles: no draft, in review, approved, scheduled or unpublished one", async () => {
    expect([...(await everythingPublic())].sort()).toEqual([...PUBLISHED].sort());
  });

  it("hide the tags only unpublished articles carry, and relate articles by shared live tags", async () => {
    expect(await q.getPublicTagBySlug({ db: t.db, slug: "objets-connectes" })).toBeUndefined();
    expect(await q.getPublicTagBySlug({ db: t.db, slug: "emploi" })).toBeUndefined();
    expect(await q.getPublicTagBySlug({ db: t.db, slug: "apt41" })).toMatchObject({ name: "APT41" });
    const [typical] = await t.db
      .select()
      .from(articles)
      .where(eq(articles.slug, slugOf("typical")));
    const related = await q.listRelatedArticles({ db: t.db, articleId: typical.id });
    expect(related.map((r) => r.slug)).toEqual([slugOf("english")]);
  });

  it("show an article on every list once it is made live, and drop it again once unpublished", async () => {
    const slug = slugOf("approved");
    const [article] = await t.db.select().from(articles).where(eq(articles.slug, slug));
    const [editor] = await t.db.select().from(users).where(eq(users.email, "editor@newsroom.test"));
    await t.db.transaction((tx) => makeLive(tx, article.id, { actorId: editor.id }));
    expect((await q.listPublishedArticles({ db: t.db, limit: 1 }))[0].slug).toBe(slug);
    const tag = await q.getPublicTagBySlug({ db: t.db, slug: "transport" });
    expect(tag).toBeDefined();
    expect((await q.listPublishedArticles({ db: t.db, where: q.withTag(tag!.id) })).map((a) => a.slug)).toEqual([slug]);
    expect((await searchPublishedArticles({ db: t.db, query: "ferroviaire" })).hits.map((h) => h.slug)).toEqual([slug]);
    expect(await everythingPublic()).toContain(slug);

    await t.db.update(articles).set({ status: "unpublished" }).where(eq(articles.id, article.id));
    expect(await everythingPublic()).not.toContain(slug);
    expect(await q.getPublicTagBySlug({ db: t.db, slug: "transport" })).toBeUndefined();
  });

  it("follow an old slug to the current one only while the article is published", async () => {
    const { slugRedirects } = await import("@/db/schema");
    const [energy] = await t.db
      .select()
      .from(articles)
      .where(eq(articles.slug, slugOf("energy")));
    await t.db.insert(slugRedirects).values({ oldSlug: "ancien-slug", articleId: energy.id });
    expect(await q.findSlugRedirect({ db: t.db, oldSlug: "ancien-slug" })).toBe(slugOf("energy"));
    const [unpublished] = await t.db
      .select()
      .from(articles)
      .where(eq(articles.slug, slugOf("unpublished")));
    await t.db.insert(slugRedirects).values({ oldSlug: "ancien-retire", articleId: unpublished.id });
    expect(await q.findSlugRedirect({ db: t.db, oldSlug: "ancien-retire" })).toBeUndefined();
  });

  it("page and count lists consistently", async () => {
    const total = await q.countPublishedArticles({ db: t.db });
    const first = await q.listPublishedArticles({ db: t.db, limit: 2, offset: 0 });
    const rest = await q.listPublishedArticles({ db: t.db, limit: 100, offset: 2 });
    expect(first.length + rest.length).toBe(total);
    expect(new Set([...first, ...rest].map((a) => a.id)).size).toBe(total);
  });

  it("build the front page's section blocks in one statement, as each section's own list would", async () => {
    const sections = await q.listSections({ db: t.db });
    expect(sections.length).toBeGreaterThan(1);
    for (const perSection of [1, 2, 100]) {
      const expected = [];
      for (const s of sections) {
        const list = await q.listPublishedArticles({ db: t.db, limit: perSection, where: q.inSection(s.slug) });
        if (list.length) expected.push({ name: s.name, slug: s.slug, articles: list });
      }
      expect(await q.listSectionFronts({ db: t.db, perSection })).toEqual(expected);
    }
  });

  it("list an article under the section of its live revision, not of its unpublished working copy", async () => {
    const db = t.db;
    const { sections } = await import("@/db/schema");
    const all = await q.listSections({ db });
    const [editor] = await db.select().from(users).where(eq(users.email, "editor@newsroom.test"));
    const [energy] = await db
      .select()
      .from(articles)
      .where(eq(articles.slug, slugOf("energy")));
    const [from] = await db.select().from(sections).where(eq(sections.id, energy.sectionId!));
    const to = all.find((s) => s.slug !== from.slug)!;
    const [toRow] = await db.select().from(sections).where(eq(sections.slug, to.slug));
    const inSection = async (slug: string) => (await q.listPublishedArticles({ db, limit: 100, where: q.inSection(slug) })).map((a) => a.slug);
    expect(await inSection(from.slug)).toContain(energy.slug);
    const before = await q.countPublishedArticles({ db, where: q.inSection(to.slug) });
    // Moved in the working copy only: readers still see it where it was published.
    await db.update(articles).set({ sectionId: toRow.id }).where(eq(articles.id, energy.id));
    expect(await inSection(from.slug)).toContain(energy.slug);
    expect(await inSection(to.slug)).not.toContain(energy.slug);
    // Published: it moves, on the section page, in the count and on the front page's blocks.
    await db.transaction((tx) => makeLive(tx, energy.id, { actorId: editor.id }));
    expect(await inSection(from.slug)).not.toContain(energy.slug);
    expect(await inSection(to.slug)).toContain(energy.slug);
    expect(await q.countPublishedArticles({ db, where: q.inSection(to.slug) })).toBe(before + 1);
    const fronts = await q.listSectionFronts({ db, perSection: 100 });
    expect(fronts.find((f) => f.slug === to.slug)!.articles.map((a) => a.slug)).toContain(energy.slug);
    expect(fronts.find((f) => f.slug === from.slug)?.articles.map((a) => a.slug) ?? []).not.toContain(energy.slug);
    // A deleted section takes its articles off every section list (the foreign key clears the copy).
    await db.delete(sections).where(eq(sections.id, toRow.id));
    const [after] = await db.select().from(articles).where(eq(articles.id, energy.id));
    expect(after.publishedSectionId).toBeNull();
    expect((await q.listSectionFronts({ db, perSection: 100 })).flatMap((f) => f.articles.map((a) => a.slug))).not.toContain(energy.slug);
  });
  it("split the sitemap's articles into files, oldest first, each with its last change, and only published ones", async () => {
    const all = await q.listSitemapArticles({ db: t.db, offset: 0, limit: 1000 });
    const count = (await q.listPublishedArticles({ db: t.db, limit: 1000 })).length;
    expect(all).toHaveLength(count);
    for (const perFile of [1, 2, 1000]) {
      const files = await q.listSitemapArticleFiles({ db: t.db, perFile });
      expect(files.map((f) => f.file)).toEqual(Array.from({ length: Math.ceil(count / perFile) }, (_, i) => i));
      const slugs: string[] = [];
      for (const f of files) {
        const rows = await q.listSitemapArticles({ db: t.db, offset: f.file * perFile, limit: perFile });
        expect(rows.length).toBeGreaterThan(0);
        expect(f.lastmod?.getTime()).toBe(Math.max(...rows.map((r) => r.updatedAt!.getTime())));
        slugs.push(...rows.map((r) => r.slug));
      }
      expect(slugs).toEqual(all.map((a) => a.slug));
      for (const hidden of HIDDEN) expect(slugs).not.toContain(hidden);
    }
    await expect(q.listSitemapArticleFiles({ db: t.db, perFile: 0 })).rejects.toThrow(RangeError);
  });
});
