import { spawnSync } from "node:child_process";
import { once } from "node:events";
import { createWriteStream, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { eq, sql } from "drizzle-orm";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { findLegacyRedirect } from "@/db/queries/import";
import { getBylines, getPublishedArticleBySlug } from "@/db/queries/public";
import { articles, authorProfiles, users } from "@/db/schema";
import { createTestDb, type TestDb } from "@/testing/db";

import { runImportCli } from "./cli";
import { importGhost, readGhostContext, readGhostPosts } from "./ghost";
import type { ImportPost } from "./model";

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

/** A Ghost 5.82 export as QA had it: members-only and paid posts, Mobiledoc cards, content/images, full profiles. */
const MEMBERS = path.join(__dirname, "fixtures", "ghost-5-members.json");

describe("Ghost 5.82 export (gated posts, Mobiledoc cards, content/images, profiles)", () => {
  let m: TestDb;
  let content: string;
  const notesOf = (report: { warnings: { title: string; notes: string[] }[] }, title: string) =>
    report.warnings.filter((w) => w.title === title).flatMap((w) => w.notes);
  const readPosts = async (file: string) => {
    const posts: ImportPost[] = [];
    await readGhostPosts(file, await readGhostContext(file), async (chunk) => void posts.push(...chunk));
    return posts;
  };
  const cli = async (...args: string[]) => {
    const out: string[] = [];
    const code = await runImportCli(args, m.db, { out: (l) => out.push(l), err: (l) => out.push(l) });
    return { code, text: out.join("\n") };
  };

  beforeAll(async () => {
    m = await createTestDb();
    // Ghost's content folder, as on the old server: content/images/<year>/<month>/<file>.
    content = path.join(dir, "ghost-content");
    for (const [folder, file] of [
      ["2024/05", "conseil-etat.jpg"],
      ["2024/05", "feature-conseil.jpg"],
      ["2021/01", "port.jpg"],
    ]) {
      mkdirSync(path.join(content, "images", folder), { recursive: true });
      await sharp({ create: { width: 30, height: 20, channels: 3, background: "#036" } })
        .jpeg()
        .toFile(path.join(content, "images", folder, file));
    }
    mkdirSync(path.join(content, "themes"), { recursive: true });
  });
  afterAll(async () => {
    await m?.drop();
  });

  it("--uploads takes Ghost's content folder or its images folder", async () => {
    // Dry runs on an empty database: each would upload the three Ghost images.
    for (const folder of [content, path.join(content, "images")]) {
      const run = await cli("ghost", MEMBERS, "--uploads", folder, "--dry-run");
      expect(run.code, run.text).toBe(0);
      expect(run.text).toContain("images uploaded: 3;");
      expect(run.text).not.toContain("/content/images/");
    }
  });

  it("without --uploads, each Ghost image left out is named with a hint; the usage says which folder to give", async () => {
    const bare = await cli("ghost", MEMBERS, "--dry-run");
    expect(bare.code).toBe(0);
    for (const image of ["/content/images/2024/05/conseil-etat.jpg", "/content/images/2024/05/feature-conseil.jpg", "/content/images/2021/01/port.jpg"]) {
      expect(bare.text).toMatch(new RegExp(`${image.replace(/[./]/g, "\\$&")}[^\n]*--uploads`));
    }
    expect((await cli()).text).toMatch(/ghost FILE\.json \[--uploads DIR\][^\n]*\n[^\n]*content\/images folder of the Ghost install/);
  });

  it("members-only, paid and tier posts come in as drafts, never published, and the report says why", async () => {
    const report = await importGhost(m.db, MEMBERS, { uploadsDir: content });
    for (const slug of ["conseil-etat-loi-climat", "article-payant"]) expect(await getPublishedArticleBySlug({ db: m.db, slug })).toBeUndefined();
    const rows = await m.db.select({ slug: articles.slug, status: articles.status, featuredImage: articles.featuredImage }).from(articles);
    const bySlug = Object.fromEntries(rows.map((r) => [r.slug, r]));
    expect(bySlug["conseil-etat-loi-climat"].status).toBe("draft");
    expect(bySlug["article-payant"].status).toBe("draft");
    expect(bySlug["vieil-article-mobiledoc"].status).toBe("published");
    expect(notesOf(report, "Le Conseil d’État valide la loi « climat »")).toContain('members-only in Ghost ("members"): imported as a draft, not published');
    expect(notesOf(report, "Article payant")).toContain('members-only in Ghost ("paid"): imported as a draft, not published');
    const posts = await readPosts(MEMBERS);
    expect(posts.filter((p) => p.status !== "draft").map((p) => p.slug)).toEqual(["vieil-article-mobiledoc", "programme-ghost"]);
    // The Ghost images came from the content folder, the gated post's too.
    expect(report.toJSON()).toMatchObject({ created: 5, uploadedImages: 3 });
    expect(bySlug["conseil-etat-loi-climat"].featuredImage?.src).toMatch(/^\/uploads\//);
    // A second run finds everything as it left it.
    expect((await importGhost(m.db, MEMBERS, { uploadsDir: content })).toJSON()).toMatchObject({ created: 0, updated: 0, unchanged: 5 });
  });

  it("Mobiledoc: image captions are text (no tags, in the caption or the alt); markdown cards are converted; an empty one is named", async () => {
    const old = await getPublishedArticleBySlug({ db: m.db, slug: "vieil-article-mobiledoc" });
    const body = old!.revision.bodyHtml;
    // Soft: one run names every way the body is wrong.
    expect.soft(body).toContain('alt="Photo by X on Unsplash"');
    expect.soft(body).toContain('<span class="caption">Photo by X on Unsplash</span>');
    expect.soft(body).not.toContain("&lt;");
    expect.soft(body).toMatch(/<img src="\/uploads\/[a-z0-9-]+\.webp" alt="Le port"[^>]*><figcaption><span class="caption">Le port &amp; ses quais<\/span>/);
    expect.soft(body).toContain('<strong>Gras</strong> en markdown, avec <a rel="noopener noreferrer nofollow" href="https://example.org/md">un lien</a>');
    expect.soft(body).toContain("<li><p>premier</p></li><li><p>second</p></li>");
    expect.soft(body).toContain("Ancienne carte <em>Ghost 1</em>.");
    expect.soft(body).toContain("<p>Bloc <em>HTML</em></p>");
    const posts = await readPosts(MEMBERS);
    expect(posts.find((p) => p.slug === "vieil-article-mobiledoc")!.notes).toContain("a Markdown card with no text was left out");
  });

  it("author profiles: bio, location and links (http and https only); no profile image", async () => {
    const sophieProfile = {
      bio: "Journaliste justice.",
      location: "Paris",
      links: [
        { label: "Website", url: "https://sophie.example/" },
        { label: "X", url: "https://x.com/sophieb" },
        { label: "Facebook", url: "https://www.facebook.com/sophie.bernard" },
      ],
    };
    const { authors } = await readGhostContext(MEMBERS);
    expect(authors.get("1")).toEqual({ key: "1", email: "sophie@ghost-site.fr", name: "Sophie Bernard", profile: sophieProfile });
    // A javascript: website and a handle that is not one are left out.
    const leo = authors.get("6630aaaa00000000000000b2")!.profile!;
    expect(leo.bio).toMatch(/^Reporter très très/);
    expect(leo).not.toHaveProperty("location");
    expect(leo).not.toHaveProperty("links");

    // What the author pages show once imported: the profile as given, the bio cut to 2,000 characters.
    await importGhost(m.db, MEMBERS, { uploadsDir: content });
    const profileOf = async (email: string) => {
      const [user] = await m.db.select({ id: users.id }).from(users).where(eq(users.email, email));
      const [row] = await m.db.select().from(authorProfiles).where(eq(authorProfiles.userId, user.id));
      return row;
    };
    const sophie = await profileOf("sophie@ghost-site.fr");
    expect({ bio: sophie.bio, location: sophie.location, links: sophie.links }).toEqual(sophieProfile);
    const stored = await m.db.select({ bio: authorProfiles.bio }).from(authorProfiles);
    const long = stored.find((r) => r.bio.startsWith("Reporter très très"))!;
    expect([...long.bio].length).toBeLessThanOrEqual(2000);
    expect([...long.bio].length).toBeGreaterThan(1990);
    expect(long.bio.endsWith("…")).toBe(true);
  });
});
