import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { findLegacyRedirect } from "@/db/queries/import";
import * as q from "@/db/queries/public";
import { insertUser } from "@/db/queries/users";
import { articles, users } from "@/db/schema";
import { demoPasswords, seedDemo } from "@/lib/demo/seed";
import { storeImage } from "@/lib/images/upload";
import { importWordpress } from "@/lib/import/run";
import { LocalStorage } from "@/lib/storage";
import { createTestDb, type TestDb } from "@/testing/db";

import { runExportCli } from "./cli";
import { exportJson, importJson, importJsonFile } from "./json";
import { exportWxr } from "./wxr";

const FIXTURE = path.join(__dirname, "..", "import", "fixtures", "wordpress-6.xml");
let from: TestDb;
let to: TestDb;
let dir: string;

beforeAll(async () => {
  [from, to] = await Promise.all([createTestDb(), createTestDb()]);
  dir = mkdtempSync(path.join(tmpdir(), "export-"));
  process.env.UPLOADS_DIR = path.join(dir, "uploads-a");
  await seedDemo(from.db, demoPasswords(""));
  await importWordpress(from.db, FIXTURE);
  // One uploaded image, as the featured image of a published article.
  const png = await sharp({ create: { width: 20, height: 20, channels: 3, background: "#36c" } })
    .png()
    .toBuffer();
  const image = await storeImage({
    size: png.length,
    arrayBuffer: async () => png.buffer.slice(png.byteOffset, png.byteOffset + png.byteLength) as ArrayBuffer,
  });
  if (!image.ok) throw new Error(image.error);
  await from.db
    .update(articles)
    .set({ featuredImage: { src: image.url, alt: "Bleu" } })
    .where(eq(articles.slug, "tribune"));
  // The new instance's first admin, who is also in the export (same e-mail, another id).
  await insertUser({ db: to.db, email: "marie.curie@gazette.example", name: "Marie C.", role: "admin", passwordHash: "$2b$10$abcdefghijklmnopqrstuv" });
});
afterAll(async () => {
  await from?.drop();
  await to?.drop();
});

/** Everything the public pages render from, read with the functions the pages use. */
async function publicSite(t: TestDb) {
  const db = t.db;
  const list = await q.listPublishedArticles({ db, limit: 1000 });
  const articlesBySlug = await Promise.all(
    list.map(async (a) => {
      const article = await q.getPublishedArticleBySlug({ db, slug: a.slug });
      return {
        article,
        bylines: await q.getBylines({ db, articleIds: [a.id] }),
        corrections: await q.getCorrections({ db, articleId: a.id }),
        related: await q.listRelatedArticles({ db, articleId: a.id }),
      };
    }),
  );
  const sections = await q.listSections({ db });
  const profiles = await Promise.all(
    [...new Set(articlesBySlug.flatMap((a) => a.bylines.map((b) => (b as { slug?: string }).slug ?? "")))].map((slug) => q.getAuthorBySlug({ db, slug })),
  );
  const tags = await Promise.all(
    [...new Set(list.flatMap((a) => (a as { tags?: { slug: string }[] }).tags ?? []).map((t) => t.slug))].map((slug) => q.getPublicTagBySlug({ db, slug })),
  );
  return {
    list,
    articlesBySlug,
    sections,
    sectionFronts: await q.listSectionFronts({ db, perSection: 4 }),
    profiles,
    tags,
    sitemap: await q.listSitemapEntries({ db }),
    feed: await q.listFeedArticles({ db }),
    redirects: [await findLegacyRedirect({ db, path: "/?p=11" }), await findLegacyRedirect({ db, path: "/category/actualite/politique" })],
  };
}

describe("newsroom JSON export → import into an empty instance", () => {
  it("reproduces every public page's data and the uploaded images, without secrets", async () => {
    const imagesA = path.join(dir, "export.images");
    const { file, images, missingImages } = await exportJson(from.db, { imagesDir: imagesA });
    // Every stored file travels: the images the content names and the renditions beside each
    // (their srcset is derived from the address, so a missing one is a broken image on the new site).
    const stored = readdirSync(path.join(dir, "uploads-a")).sort();
    expect(missingImages).toEqual([]);
    expect(stored.some((k) => k.endsWith(".avif"))).toBe(true);
    expect(readdirSync(imagesA).sort()).toEqual(stored);
    expect(images).toBe(stored.length);
    const text = JSON.stringify(file);
    expect(text).not.toMatch(/passwordHash|password_hash|sessionVersion|tokenHash/);

    const result = await importJson(to.db, text, { imagesDir: imagesA, storage: new LocalStorage(path.join(dir, "uploads-b")) });
    expect(result.images).toBe(stored.length);
    expect(readdirSync(path.join(dir, "uploads-b")).sort()).toEqual(stored);
    expect(result.matchedUsers).toHaveLength(1);

    const [a, b] = [await publicSite(from), await publicSite(to)];
    expect(a.list.length).toBeGreaterThan(5);
    // Byte for byte, but for the id of the admin who was already here (never shown to readers).
    const [{ exported, here }] = result.matchedUsers;
    expect(JSON.parse(JSON.stringify(b).split(here).join(exported))).toEqual(JSON.parse(JSON.stringify(a)));
    // Imported people have no password; the admin already here keeps theirs.
    const people = await to.db.select({ email: users.email, passwordHash: users.passwordHash }).from(users);
    expect(people.filter((p) => p.passwordHash)).toEqual([{ email: "marie.curie@gazette.example", passwordHash: "$2b$10$abcdefghijklmnopqrstuv" }]);
  });

  it("refuses an instance that already has articles, and a file that is not an export", async () => {
    const { file } = await exportJson(from.db);
    await expect(importJson(from.db, JSON.stringify(file))).rejects.toThrow(/already has articles/);
    await expect(importJson(to.db, "{")).rejects.toThrow(/not a newsroom export/);
    await expect(importJson(to.db, JSON.stringify({ format: "other" }))).rejects.toThrow(/not a newsroom export/);
  });

  it("reads a page of rows at a time and streams files both ways: the same export whatever the page, a truncated file writes nothing", async () => {
    const whole = await exportJson(from.db);
    const paged = await exportJson(from.db, { pageRows: 2 });
    expect({ ...paged.file, exportedAt: "" }).toEqual({ ...whole.file, exportedAt: "" });
    expect(whole.file.tables.article_revisions.length).toBeGreaterThan(4);

    // Through the CLI to a file, then back from the file, a stream at a time.
    const out = path.join(dir, "streamed.json");
    const io = { out: () => undefined, err: () => undefined };
    expect(await runExportCli(["--format", "json", "--out", out], from.db, io)).toBe(0);
    const written = readFileSync(out, "utf8");
    expect({ ...JSON.parse(written), exportedAt: "" }).toEqual({ ...whole.file, exportedAt: "" });

    const empty = await createTestDb();
    try {
      // Cut anywhere after the header: refused as truncated, and nothing at all is written.
      const cut = path.join(dir, "cut.json");
      writeFileSync(cut, written.slice(0, Math.floor(written.length * 0.6)));
      await expect(importJsonFile(empty.db, cut)).rejects.toThrow(/not JSON \(or it is truncated\)/);
      expect(await empty.db.select({ id: articles.id }).from(articles)).toEqual([]);
      expect(await empty.db.select({ id: users.id }).from(users)).toEqual([]);
      const r = await importJsonFile(empty.db, out, { imagesDir: null });
      expect(r.rows).toBe(Object.values(whole.file.tables).reduce((n, rows) => n + rows.length, 0));
      expect((await publicSite(empty)).list.map((a) => a.slug)).toEqual((await publicSite(from)).list.map((a) => a.slug));
    } finally {
      await empty.drop();
    }
  });

  it("the WXR export imports back through our WordPress importer", { timeout: 240_000 }, async () => {
    const third = await createTestDb();
    try {
      const file = path.join(dir, "export.xml");
      const out: string[] = [];
      expect(
        await runExportCli(["--format", "wxr", "--out", file, "--site", "https://news.example"], from.db, { out: (l) => out.push(l), err: (l) => out.push(l) }),
      ).toBe(0);
      // Read a page of articles at a time (500): pages of 2 give the same file.
      let paged = "";
      for await (const chunk of exportWxr(from.db, "https://news.example", { pageSize: 2 })) paged += chunk;
      expect(paged).toBe(readFileSync(file, "utf8"));
      const report = await importWordpress(third.db, file);
      expect(report.skipped).toEqual([]);
      const shape = async (t: { db: TestDb["db"] }) => {
        const list = await q.listPublishedArticles({ db: t.db, limit: 1000 });
        return Promise.all(
          list.map(async (a) => {
            const full = await q.getPublishedArticleBySlug({ db: t.db, slug: a.slug });
            const bylines = await q.getBylines({ db: t.db, articleIds: [a.id] });
            return {
              slug: a.slug,
              headline: full!.revision.headline,
              dek: full!.revision.dek,
              // Images come back as external https addresses of the old site.
              bodyHtml: full!.revision.bodyHtml.replace(/https:\/\/news\.example\/uploads\//g, "/uploads/"),
              section: full!.section?.name ?? null,
              tags: full!.revision.tags.map((t) => t.slug).sort(),
              // WXR carries one author per post (dc:creator): the first of the byline.
              byline: bylines[0]?.displayName,
              // WXR dates are to the second.
              firstPublishedAt: full!.firstPublishedAt?.toISOString().slice(0, 19),
            };
          }),
        );
      };
      const [a, b] = [await shape(from), await shape(third)];
      expect(b.map((x) => x.slug).sort()).toEqual(a.map((x) => x.slug).sort());
      expect(b.sort((x, y) => x.slug.localeCompare(y.slug))).toEqual(a.sort((x, y) => x.slug.localeCompare(y.slug)));
    } finally {
      await third.drop();
    }
  });
});
