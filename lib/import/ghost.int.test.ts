import { spawnSync } from "node:child_process";
import { once } from "node:events";
import { createWriteStream, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { findLegacyRedirect } from "@/db/queries/import";
import { getBylines, getPublishedArticleBySlug } from "@/db/queries/public";
import { articles, users } from "@/db/schema";
import { createTestDb, type TestDb } from "@/testing/db";

import { runImportCli } from "./cli";
import { importGhost } from "./ghost";

const FIXTURE = path.join(__dirname, "fixtures", "ghost-5.json");
let t: TestDb;
let dir: string;

beforeAll(async () => {
  t = await createTestDb();
  dir = mkdtempSync(path.join(tmpdir(), "ghost-"));
  process.env.UPLOADS_DIR = path.join(dir, "stored");
});
afterAll(async () => {
  await t?.drop();
});

describe("Ghost 5 import", () => {
  it("imports posts (html, lexical or mobiledoc), authors, tags, feature images, dates, status and slugs", async () => {
    const images = path.join(dir, "content-images");
    mkdirSync(path.join(images, "2024", "05"), { recursive: true });
    await sharp({ create: { width: 30, height: 20, channels: 3, background: "#c00" } })
      .jpeg()
      .toFile(path.join(images, "2024", "05", "phare.jpg"));
    const report = await importGhost(t.db, FIXTURE, { uploadsDir: images });
    expect(report.toJSON()).toMatchObject({ created: 4, updated: 0 });
    expect(report.skipped.map((s) => s.title)).toEqual(["1 page(s)"]);

    const phare = await getPublishedArticleBySlug({ db: t.db, slug: "le-phare-rouvre" });
    expect(phare!.firstPublishedAt?.toISOString()).toBe("2024-05-01T10:00:00.000Z");
    expect(phare!.revision.dek).toBe("Le monument se visite de nouveau.");
    expect(phare!.revision.bodyHtml).toContain("Après deux ans de travaux, <strong>le phare</strong> rouvre samedi.");
    expect(phare!.revision.bodyHtml).toMatch(
      /<img src="\/uploads\/[a-z0-9-]+\.webp" alt="Le phare"[^>]*><figcaption><span class="caption">Le phare au couchant<\/span>/,
    );
    expect(phare!.revision.featuredImage).toMatchObject({ alt: "Le phare blanc et rouge", caption: "Photo Jean" });
    expect(phare!.revision.featuredImage!.src).toMatch(/^\/uploads\//);
    // Tags in Ghost's order; internal (#) tags left out.
    expect(phare!.revision.tags.map((x) => x.name)).toEqual(["Patrimoine", "Mer & côtes"]);
    const bylines = await getBylines({ db: t.db, articleIds: [phare!.id] });
    expect(bylines.map((b) => b.displayName)).toEqual(["Léa Martin", "Paul Durand"]);
    expect(JSON.stringify(report.dropped)).toContain("bookmark");

    const old = await getPublishedArticleBySlug({ db: t.db, slug: "ancien-article" });
    expect(old!.revision.bodyHtml).toContain('<strong>Gras</strong> puis <a rel="noopener noreferrer nofollow" href="https://port.example">un lien</a>');
    expect(old!.revision.bodyHtml).toContain("<p>HTML card</p>");
    expect(old!.revision.bodyHtml).toContain("<li><p>deux</p></li>");
    expect(old!.revision.bodyHtml).not.toContain("script");

    const rows = await t.db
      .select({ slug: articles.slug, status: articles.status, scheduledAt: articles.scheduledAt, featuredImage: articles.featuredImage })
      .from(articles);
    const bySlug = Object.fromEntries(rows.map((r) => [r.slug, r]));
    expect(bySlug["brouillon-ghost"]).toMatchObject({ status: "draft", featuredImage: { src: "https://images.example/photo.jpg" } });
    expect(bySlug["programme-ghost"]).toMatchObject({ status: "scheduled", scheduledAt: new Date("2031-06-01T08:00:00.000Z") });
    expect(rows.map((r) => r.slug)).not.toContain("a-propos");

    // No Ghost password hash comes over; the people are deactivated until invited.
    const people = await t.db.select({ email: users.email, passwordHash: users.passwordHash, active: users.active }).from(users);
    expect(people).toEqual(
      expect.arrayContaining([
        { email: "lea@ghost.example", passwordHash: null, active: false },
        { email: "paul@ghost.example", passwordHash: null, active: false },
      ]),
    );
    expect(await findLegacyRedirect({ db: t.db, path: "/le-phare-rouvre" })).toBe("/articles/le-phare-rouvre");
    expect(await findLegacyRedirect({ db: t.db, path: "/tag/mer-cotes" })).toBe("/tags/mer-cotes");
  });

  it("a second run changes nothing; --dry-run writes nothing", async () => {
    const [{ n: before }] = await t.db.select({ n: sql<number>`count(*)::int` }).from(articles);
    expect((await importGhost(t.db, FIXTURE)).toJSON()).toMatchObject({ created: 0, updated: 0, unchanged: 4 });
    const out: string[] = [];
    expect(await runImportCli(["ghost", FIXTURE, "--dry-run"], t.db, { out: (l) => out.push(l), err: (l) => out.push(l) })).toBe(0);
    expect(out.join("\n")).toContain("Dry run: nothing was written");
    const [{ n: after }] = await t.db.select({ n: sql<number>`count(*)::int` }).from(articles);
    expect(after).toBe(before);
  });

  it("refuses a file that is not a Ghost export", async () => {
    const bad = path.join(dir, "bad.json");
    writeFileSync(bad, '{"posts": []}');
    const out: string[] = [];
    expect(await runImportCli(["ghost", bad], t.db, { out: (l) => out.push(l), err: (l) => out.push(l) })).toBe(1);
    expect(out.join("\n")).toMatch(/✖ This is not a Ghost export/);
    writeFileSync(bad, '{"db": [{"data": {"posts": [');
    await expect(importGhost(t.db, bad)).rejects.toThrow(/not JSON \(or it is truncated\)/);
    // Cut after whole posts: the first pass reaches the cut before anything is written.
    const [{ n: before }] = await t.db.select({ n: sql<number>`count(*)::int` }).from(articles);
    const whole = readFileSync(FIXTURE, "utf8");
    writeFileSync(bad, whole.slice(0, whole.lastIndexOf('"users"')));
    await expect(importGhost(t.db, bad)).rejects.toThrow(/not JSON \(or it is truncated\)/);
    writeFileSync(bad, '{"db": [{"meta": {}, "data": {"users": []}}]}');
    await expect(importGhost(t.db, bad)).rejects.toThrow(/no db\[0\]\.data\.posts/);
    const [{ n: after }] = await t.db.select({ n: sql<number>`count(*)::int` }).from(articles);
    expect(after).toBe(before);
  });

  it("streams: reading a 100 MB export keeps the process's peak memory far below the file's size", { timeout: 600_000 }, async () => {
    // 500 posts of 200 KB, their tags and authors after them as Ghost writes them. Parsed whole
    // (JSON.parse of the file read as one string: the string, then the objects) it needs twice
    // its size; the stream's own buffers (file chunks, tokens, a few assembled posts) take ~20 MB.
    const file = path.join(dir, "big.json");
    const out = createWriteStream(file);
    const write = async (s: string) => {
      if (!out.write(s)) await once(out, "drain");
    };
    const paragraph = `<p>${"Le port de commerce rouvre ses quais après les travaux. ".repeat(20)}</p>`;
    await write('{"db":[{"meta":{"version":"5.80.0"},"data":{"posts":[');
    for (let i = 0; i < 500; i++) {
      const post = { id: `p${i}`, uuid: `u-${i}`, title: `Post ${i}`, slug: `post-${i}`, type: "post", status: "published", html: paragraph.repeat(190) };
      await write(`${i ? "," : ""}${JSON.stringify(post)}`);
    }
    await write('],"posts_tags":[{"post_id":"p1","tag_id":"t1"}],"tags":[{"id":"t1","name":"Port","slug":"port"}],"users":[{"id":"a1","name":"A"}]}}]}');
    out.end();
    await once(out, "finish");
    const r = spawnSync(
      path.join("node_modules", ".bin", "tsx"),
      ["--conditions=react-server", "scripts/bench/import-child.ts", file, "--read-only", "--ghost"],
      {
        encoding: "utf8",
        env: { ...process.env, NODE_OPTIONS: "--max-old-space-size=96" },
      },
    );
    expect(r.status, r.stderr.split("\n").slice(-20).join("\n")).toBe(0);
    const m = JSON.parse(r.stdout.trim().split("\n").pop()!) as { posts: number; bodyMB: number; fileMB: number; rssBeforeMB: number; peakRssMB: number };
    console.log(`Ghost streaming read: ${m.fileMB.toFixed(0)} MB file, peak RSS ${m.peakRssMB.toFixed(0)} MB (${m.rssBeforeMB.toFixed(0)} MB before reading)`);
    expect(m.fileMB).toBeGreaterThan(100);
    expect(m.posts).toBe(500);
    expect(m.bodyMB).toBeGreaterThan(90);
    expect(m.peakRssMB - m.rssBeforeMB).toBeLessThan(m.fileMB / 2);
  });
});
