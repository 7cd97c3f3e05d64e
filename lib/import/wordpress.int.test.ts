import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { eq, sql } from "drizzle-orm";
import { Window } from "happy-dom";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { Db } from "@/db";
import { findLegacyRedirect } from "@/db/queries/import";
import { getPublishedArticleBySlug } from "@/db/queries/public";
import { insertUser } from "@/db/queries/users";
import { articleRevisions, articles, authorProfiles, importSources, sections, users } from "@/db/schema";
import { findInjected } from "@/e2e/corpus/dom-check";
import { XSS_PAYLOADS } from "@/e2e/corpus/xss-payloads";
import { createTestDb, type TestDb } from "@/testing/db";

import { runImportCli } from "./cli";
import { importWordpress } from "./run";
import { WxrError } from "./wordpress";
import { buildWxr, type WxrPost } from "./wxr-build";

const FIXTURE = path.join(__dirname, "fixtures", "wordpress-6.xml");
let t: TestDb;
let db: Db;
let dir: string;

beforeAll(async () => {
  t = await createTestDb();
  db = t.db;
  dir = mkdtempSync(path.join(tmpdir(), "wxr-"));
  process.env.UPLOADS_DIR = path.join(dir, "stored");
  // An author of the old site who already works here (matched by e-mail, case folded).
  await insertUser({ db, email: "marie.curie@gazette.example", name: "Marie Curie", role: "journalist", passwordHash: null });
});
afterAll(async () => {
  await t?.drop();
});

async function counts() {
  const [a] = await db.select({ n: sql<number>`count(*)::int` }).from(articles);
  const [u] = await db.select({ n: sql<number>`count(*)::int` }).from(users);
  const [s] = await db.select({ n: sql<number>`count(*)::int` }).from(sections);
  return { articles: Number(a.n), users: Number(u.n), sections: Number(s.n) };
}

async function revisionCount() {
  const [r] = await db.select({ n: sql<number>`count(*)::int` }).from(articleRevisions);
  return Number(r.n);
}

const render = (html: string) => {
  const doc = new Window().document;
  doc.body.innerHTML = html;
  return doc.body;
};

describe("WordPress import", () => {
  it("--dry-run writes nothing and reports what the import would do", async () => {
    const before = await counts();
    const report = await importWordpress(db, FIXTURE, { dryRun: true });
    expect(await counts()).toEqual(before);
    expect(report.created).toBe(6);
    expect(report.skipped.map((s) => s.notes[0])).toEqual(
      expect.arrayContaining([expect.stringContaining("private"), expect.stringContaining("duplicate GUID")]),
    );
  });

  it("imports posts with their status, authors, section, tags, body and redirects", async () => {
    const out: string[] = [];
    const code = await runImportCli(["wordpress", FIXTURE], db, { out: (l) => out.push(l), err: (l) => out.push(l) });
    expect(code).toBe(0);
    const text = out.join("\n");
    expect(text).toContain("created 6, updated 0, unchanged 0");
    // Private, trash and the duplicated GUID are skipped and named; pages and menu items are counted.
    expect(text).toMatch(/post 16 .*status "private"/);
    expect(text).toMatch(/post 17 .*status "trash"/);
    expect(text).toMatch(/post 20 .*duplicate GUID https:\/\/gazette.example\/\?p=11/);
    expect(text).toMatch(/type “page”/);
    // Dropped elements, per post.
    expect(text).toMatch(/post 11 .*shortcode \[gallery\]; script; iframe; table\n/);
    expect(text).toMatch(/post 12 .*table; embed; image over http \(not https\)\n/);

    const grue = await getPublishedArticleBySlug({ db, slug: "la-grue-du-quai-nord" });
    expect(grue).toBeTruthy();
    expect(grue!.firstPublishedAt?.toISOString()).toBe("2024-03-14T08:30:00.000Z");
    const html = grue!.revision.bodyHtml;
    expect(html).toContain("<strong>mardi</strong>");
    expect(html).toContain("avec un retour à la ligne");
    // "]]>" split across two CDATA sections, as WordPress writes it, comes back whole.
    expect(html).toContain("Le code a]]&gt;b reste");
    expect(html).toContain('<figcaption><span class="caption">La grue, photographiée en mars</span></figcaption>');
    expect(html).not.toMatch(/<script|<table|<iframe|\[gallery/);
    // Without --uploads, an https image stays as an external image; the featured image is the attachment.
    expect(grue!.revision.featuredImage).toMatchObject({
      src: "https://gazette.example/wp-content/uploads/2024/03/grue-quai.jpg",
      alt: "Une grue jaune sur le quai nord",
    });
    // First category → section; the second category and the tags → tags (accent-safe identity).
    expect(grue!.section).toEqual({ name: "Politique", slug: "politique" });
    expect(grue!.revision.tags.map((t) => t.slug).sort()).toEqual(["cybersecurite", "economie", "port-autonome"]);

    // Non-ASCII slug, decoded and folded like every slug here.
    const ete = await getPublishedArticleBySlug({ db, slug: "ete-brulant" });
    expect(ete?.revision.headline).toBe("Été brûlant : les quais à 40 °C");
    expect(ete?.revision.bodyHtml).toContain("<h2>Une chaleur record</h2>");
    expect(ete?.revision.bodyHtml).toContain('alt="La grue sous le soleil"');
    expect(ete?.revision.bodyHtml).toContain("<blockquote>");

    // Statuses.
    const all = await db.select({ headline: articles.headline, status: articles.status, scheduledAt: articles.scheduledAt }).from(articles);
    const status = Object.fromEntries(all.map((a) => [a.headline, a.status]));
    expect(status).toMatchObject({
      "Brouillon & notes internes": "draft",
      "En relecture": "in_review",
      "Programmé pour plus tard": "scheduled",
      "Tribune d’un invité": "published",
    });
    expect(all.find((a) => a.status === "scheduled")?.scheduledAt?.toISOString()).toBe("2030-01-01T08:00:00.000Z");
    expect(all.map((a) => a.headline)).not.toContain("Privé");

    // Authors: matched by e-mail, else created deactivated without a password.
    const people = await db.select({ email: users.email, name: users.name, active: users.active, passwordHash: users.passwordHash }).from(users);
    expect(people.filter((p) => p.email.toLowerCase() === "marie.curie@gazette.example")).toHaveLength(1);
    expect(people.find((p) => p.email === "zoe@gazette.example")).toMatchObject({ name: "Zoé Ørsted", active: false, passwordHash: null });
    expect(people.find((p) => p.email === "invite-externe@import.invalid")).toMatchObject({ active: false });

    // Old addresses → the new ones.
    expect(await findLegacyRedirect({ db, path: "/2024/03/14/la-grue-du-quai-nord" })).toBe("/articles/la-grue-du-quai-nord");
    expect(await findLegacyRedirect({ db, path: "/?p=11" })).toBe("/articles/la-grue-du-quai-nord");
    expect(await findLegacyRedirect({ db, path: "/2024/07/02/été-brûlant" })).toBe("/articles/ete-brulant");
    expect(await findLegacyRedirect({ db, path: "/category/actualite/politique" })).toBe("/sections/politique");
    expect(await findLegacyRedirect({ db, path: "/tag/port-autonome" })).toBe("/tags/port-autonome");
    // Not public: no redirect reveals a draft.
    expect(await findLegacyRedirect({ db, path: "/?p=13" })).toBeNull();
  });

  it("a second run changes nothing and duplicates nothing", async () => {
    const before = await counts();
    const revisions = await revisionCount();
    const report = await importWordpress(db, FIXTURE);
    expect(report.toJSON()).toMatchObject({ created: 0, updated: 0, unchanged: 6 });
    expect(await counts()).toEqual(before);
    expect(await revisionCount()).toBe(revisions);
  });

  it("a changed post is updated in place, keeping its first publication date", async () => {
    const changed = readFileSync(FIXTURE, "utf8").replace("Fin de l’article avec", "Fin corrigée de l’article avec");
    const file = path.join(dir, "changed.xml");
    writeFileSync(file, changed);
    const report = await importWordpress(db, file);
    expect(report.toJSON()).toMatchObject({ created: 0, updated: 1, unchanged: 5 });
    const grue = await getPublishedArticleBySlug({ db, slug: "la-grue-du-quai-nord" });
    expect(grue!.revision.bodyHtml).toContain("Fin corrigée");
    expect(grue!.firstPublishedAt?.toISOString()).toBe("2024-03-14T08:30:00.000Z");
  });

  it("reads titles, excerpts and term names as WordPress writes them: entities decoded, untitled posts named, its default category left out", async () => {
    const published = new Date("2024-02-10T09:00:00Z");
    let wxr = buildWxr([
      {
        id: 9101,
        title: "Le port au ralenti &#8211; &#8220;du jamais vu&#8221; &amp; l&#039;été",
        slug: "port-au-ralenti",
        html: "<p>Les grues sont à l’arrêt.</p>",
        excerpt: "&laquo;&nbsp;Du jamais vu&nbsp;&raquo;, dit le capitaine",
        date: published,
        categories: [{ slug: "non-classe", name: "Non classé" }],
        tags: [{ slug: "recherche-developpement", name: "Recherche &amp; développement" }],
      },
      {
        id: 9102,
        title: "",
        slug: "9102",
        html: "<p>Brève : la criée ouvrira plus tôt demain matin, à cause de la marée et du vent. Les pêcheurs sont prévenus.</p>",
        date: published,
      },
    ]);
    // WordPress writes the last modification beside the publication date.
    wxr = wxr.replace(
      "<wp:post_id>9101</wp:post_id>",
      "<wp:post_id>9101</wp:post_id>\n\t\t<wp:post_modified_gmt><![CDATA[2024-03-15 10:00:00]]></wp:post_modified_gmt>",
    );
    const file = path.join(dir, "entities.xml");
    writeFileSync(file, wxr);
    const report = await importWordpress(db, file);

    const port = await getPublishedArticleBySlug({ db, slug: "port-au-ralenti" });
    expect(port!.revision.headline).toBe("Le port au ralenti – “du jamais vu” & l’été");
    expect(port!.revision.dek).toBe("«\u00a0Du jamais vu\u00a0», dit le capitaine");
    expect(port!.revision.tags.map((tag) => [tag.name, tag.slug])).toEqual([["Recherche & développement", "recherche-developpement"]]);
    // "Non classé" is WordPress's default category in French, not a section.
    expect(port!.section).toBeNull();
    expect(await db.select().from(sections).where(eq(sections.slug, "non-classe"))).toEqual([]);
    expect(port!.firstPublishedAt?.toISOString()).toBe(published.toISOString());
    expect(port!.publishedUpdatedAt?.toISOString()).toBe("2024-03-15T10:00:00.000Z");

    const brief = await getPublishedArticleBySlug({ db, slug: "9102" });
    // The first words, cut at a word (80 characters at most).
    expect(brief!.revision.headline).toBe("Brève : la criée ouvrira plus tôt demain matin, à cause de la marée et du…");
    expect(JSON.stringify(report.toJSON())).toContain("no title in the source");
  });

  it("keeps a password-protected post from readers; names, captions and archives as WordPress wrote them", async () => {
    const published = new Date("2024-05-02T08:00:00Z");
    let wxr = buildWxr(
      [
        {
          id: 9201,
          title: "Enquête logement",
          slug: "enquete-logement",
          html: "<p>Contenu réservé : les loyers ont augmenté de 8 %.</p>",
          date: published,
          author: "jeanne",
          tags: [{ slug: "elections-municipales", name: "&Eacute;lections municipales" }],
          featuredImage: { url: "https://images.example/port.jpg", alt: "", caption: "Le port de Saint-Malo à l&rsquo;aube" },
        },
        {
          id: 9202,
          title: "Le marché du samedi",
          slug: "marche-du-samedi",
          html: "<p>Les étals reviennent.</p>",
          date: published,
          author: "jeanne",
          tags: [{ slug: "cote-d-armor", name: "C&ocirc;tes-d&rsquo;Armor" }],
          featuredImage: { url: "https://images.example/marche.jpg", alt: "", caption: "Le march&eacute; &amp; ses &eacute;tals" },
        },
      ],
      "https://lots.example",
      {
        authors: [{ login: "jeanne", email: "jeanne@gazette.example", name: "Jeanne Lef&egrave;vre" }],
        categories: [{ slug: "non-classe", name: "Non classé" }],
        tags: [
          { slug: "elections-municipales", name: "&Eacute;lections municipales" },
          { slug: "cote-d-armor", name: "C&ocirc;tes-d&rsquo;Armor" },
          { slug: "jamais-utilise", name: "Jamais utilis&eacute;" },
        ],
      },
    );
    wxr = wxr.replace("<wp:post_id>9201</wp:post_id>", "<wp:post_id>9201</wp:post_id>\n\t\t<wp:post_password><![CDATA[abonne2026]]></wp:post_password>");
    const file = path.join(dir, "protected.xml");
    writeFileSync(file, wxr);
    const report = await importWordpress(db, file);

    // Published in WordPress behind a password: a draft here, and the report says why.
    expect(await getPublishedArticleBySlug({ db, slug: "enquete-logement" })).toBeFalsy();
    const [protectedPost] = await db.select().from(articles).where(eq(articles.slug, "enquete-logement"));
    expect(protectedPost.status).toBe("draft");
    expect(JSON.stringify(report.toJSON())).toContain("password-protected in WordPress: imported as a draft, not published");

    const market = await getPublishedArticleBySlug({ db, slug: "marche-du-samedi" });
    expect(market!.revision.featuredImage).toMatchObject({ caption: "Le marché & ses étals", alt: "Le marché & ses étals" });
    expect(market!.revision.tags.map((tag) => [tag.name, tag.slug])).toEqual([["Côtes-d’Armor", "cotes-d-armor"]]);
    const [jeanne] = await db.select().from(users).where(eq(users.email, "jeanne@gazette.example"));
    expect(jeanne.name).toBe("Jeanne Lefèvre");
    // Her author page's address comes from the name readers see, not from its character references.
    const [profile] = await db.select().from(authorProfiles).where(eq(authorProfiles.userId, jeanne.id));
    expect(profile.slug).toBe("jeanne-lefevre");
    expect(JSON.stringify(report.toJSON())).toContain("Jeanne Lefèvre <jeanne@gazette.example>");

    // Old archive addresses lead to the tag the name became; a term with no page here gets no redirect to a 404.
    expect(await findLegacyRedirect({ db, path: "/tag/elections-municipales" })).toBe("/tags/elections-municipales");
    expect(await findLegacyRedirect({ db, path: "/tag/cote-d-armor" })).toBe("/tags/cotes-d-armor");
    expect(await findLegacyRedirect({ db, path: "/tag/jamais-utilise" })).toBeNull();
    expect(await findLegacyRedirect({ db, path: "/category/non-classe" })).toBeNull();
  });

  it("refuses a truncated file and a file that is not WXR, writing nothing", async () => {
    const before = await counts();
    const full = readFileSync(FIXTURE, "utf8");
    const truncated = path.join(dir, "truncated.xml");
    writeFileSync(truncated, full.slice(0, Math.floor(full.length * 0.7)));
    await expect(importWordpress(db, truncated)).rejects.toThrow(/truncated/);
    const rss = path.join(dir, "feed.xml");
    writeFileSync(rss, `<?xml version="1.0"?><rss version="2.0"><channel><title>x</title><item><title>a</title></item></channel></rss>`);
    await expect(importWordpress(db, rss)).rejects.toThrow(/not a WordPress export/);
    const html = path.join(dir, "page.xml");
    writeFileSync(html, `<html><body><p>hello</body></html>`);
    await expect(importWordpress(db, html)).rejects.toBeInstanceOf(WxrError);
    const out: string[] = [];
    expect(await runImportCli(["wordpress", truncated], db, { out: (l) => out.push(l), err: (l) => out.push(l) })).toBe(1);
    expect(out.join("\n")).toMatch(/✖ .*truncated/);
    expect(await counts()).toEqual(before);
  });

  it("a crash mid-import leaves whole batches only, and the next run finishes the job", async () => {
    const posts: WxrPost[] = Array.from({ length: 7 }, (_, i) => ({ id: 500 + i, title: `Lot ${i}`, slug: `lot-${i}`, html: `<p>Texte ${i}</p>` }));
    // A real failure inside the database while the third batch is written (post 5).
    await db.execute(sql`create function import_test_fail() returns trigger language plpgsql as $$ begin raise exception 'disk full (simulated)'; end $$`);
    await db.execute(
      sql`create trigger import_test_fail before insert on articles for each row when (new.headline = 'Lot 5') execute function import_test_fail()`,
    );
    const file = path.join(dir, "crash.xml");
    writeFileSync(file, buildWxr(posts));
    await expect(importWordpress(db, file, { batchSize: 2 })).rejects.toThrow();
    const imported = await db
      .select({ id: importSources.externalId })
      .from(importSources)
      .where(sql`${importSources.externalId} like 'https://lots.example/?p=5%'`);
    // Batches [0,1] and [2,3] committed; [4,5] rolled back as a whole (post 4 included).
    expect(imported.map((r) => r.id).sort()).toEqual([
      "https://lots.example/?p=500",
      "https://lots.example/?p=501",
      "https://lots.example/?p=502",
      "https://lots.example/?p=503",
    ]);
    const lots = await db
      .select({ headline: articles.headline })
      .from(articles)
      .where(sql`${articles.headline} like 'Lot %'`);
    expect(lots.map((l) => l.headline).sort()).toEqual(["Lot 0", "Lot 1", "Lot 2", "Lot 3"]);
    await db.execute(sql`drop trigger import_test_fail on articles`);
    const report = await importWordpress(db, file, { batchSize: 2 });
    expect(report.toJSON()).toMatchObject({ created: 3, unchanged: 4 });
  });

  it("uploads images from --uploads through the upload pipeline, refusing a file that is too large", async () => {
    const uploads = path.join(dir, "uploads");
    mkdirSync(path.join(uploads, "2024", "05"), { recursive: true });
    await sharp({ create: { width: 40, height: 30, channels: 3, background: "#c33" } })
      .jpeg()
      .toFile(path.join(uploads, "2024", "05", "quai.jpg"));
    // A sparse file: 11 MB on paper, nothing on disk; never read.
    const big = path.join(uploads, "2024", "05", "huge.jpg");
    writeFileSync(big, "");
    (await import("node:fs")).truncateSync(big, 11 * 1024 * 1024);
    const file = path.join(dir, "images.xml");
    writeFileSync(
      file,
      buildWxr([
        {
          id: 900,
          title: "Images",
          slug: "images",
          html: `<p>a</p><img src="https://lots.example/wp-content/uploads/2024/05/quai.jpg" alt="Le quai"><img src="https://lots.example/wp-content/uploads/2024/05/huge.jpg" alt="Énorme">`,
        },
      ]),
    );
    const report = await importWordpress(db, file, { uploadsDir: uploads });
    expect(report.uploadedImages).toBe(1);
    expect(JSON.stringify(report.warnings)).toMatch(/huge\.jpg is larger than 10 MB/);
    const article = await getPublishedArticleBySlug({ db, slug: "images" });
    expect(article!.revision.bodyHtml).toMatch(/<img src="\/uploads\/[a-z0-9-]+\.webp" alt="Le quai"/);

    // Uploads start ahead of the batch that needs them; a second run (post changed, image not)
    // stores no file again and points at the same one.
    const stored = readdirSync(process.env.UPLOADS_DIR!).sort();
    writeFileSync(file, readFileSync(file, "utf8").replace("<p>a</p>", "<p>b</p>"));
    const again = await importWordpress(db, file, { uploadsDir: uploads });
    expect(again.updated).toBe(1);
    expect(readdirSync(process.env.UPLOADS_DIR!).sort()).toEqual(stored);
    const after = await getPublishedArticleBySlug({ db, slug: "images" });
    expect(after!.revision.bodyHtml).toContain(/<img src="(\/uploads\/[^"]+)"/.exec(article!.revision.bodyHtml)![1]);
  });

  it("runs the XSS corpus through the importer: nothing unsafe in the rendered articles", { timeout: 240_000 }, async () => {
    // Eight payloads per post, each also as the post's title, between ordinary paragraphs.
    const posts: WxrPost[] = [];
    for (let i = 0; i < XSS_PAYLOADS.length; i += 8) {
      const chunk = XSS_PAYLOADS.slice(i, i + 8);
      posts.push({
        id: 1000 + i,
        title: `XSS ${i} ${chunk[0]}`.slice(0, 200),
        slug: `xss-${i}`,
        html: chunk.map((p, k) => `<p>before ${k}</p>${p}`).join("\n") + "<p>after</p>",
      });
    }
    const file = path.join(dir, "xss.xml");
    writeFileSync(file, buildWxr(posts));
    const report = await importWordpress(db, file);
    expect(report.created).toBe(posts.length);
    for (const post of posts) {
      const article = await getPublishedArticleBySlug({ db, slug: post.slug });
      expect(article, post.slug).toBeTruthy();
      expect(findInjected(render(article!.revision.bodyHtml)), post.html).toEqual([]);
      expect(article!.revision.bodyHtml).toContain("<p>before 0</p>");
    }
  });
});
