import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { and, eq, sql } from "drizzle-orm";
import { Window } from "happy-dom";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { articles, importSources } from "@/db/schema";
import { findInjected } from "@/e2e/corpus/dom-check";
import { XSS_PAYLOADS } from "@/e2e/corpus/xss-payloads";
import { renderBodyHtml } from "@/lib/rich-text/body";
import { createTestDb, type TestDb } from "@/testing/db";

import { importWordpress } from "./run";
import { generateWxr } from "./wxr-generate";

/*
 * A generated WordPress-6-like export (lib/import/wxr-generate.ts) with the XSS corpus in titles
 * and bodies, imported whole; and the reader's memory on a file far bigger than the memory it
 * may use. The same generator feeds `npm run bench -- --only import` with 10,000 posts; here
 * BULK_IMPORT_POSTS (default 200) keeps the test in CI time on a shared machine.
 */
const POSTS = Number(process.env.BULK_IMPORT_POSTS || 200);
let t: TestDb;
let dir: string;

beforeAll(async () => {
  t = await createTestDb();
  dir = mkdtempSync(path.join(tmpdir(), "wxr-bulk-"));
  process.env.UPLOADS_DIR = path.join(dir, "stored");
});
afterAll(async () => {
  await t?.drop();
  rmSync(dir, { recursive: true, force: true });
});

const render = (html: string) => {
  const doc = new Window().document;
  doc.body.innerHTML = html;
  return doc.body;
};

describe("bulk WordPress import", () => {
  it(
    `imports ${POSTS} generated posts with images and hostile HTML: the report adds up, nothing unsafe is stored or rendered`,
    { timeout: 1_800_000 },
    async () => {
      const file = path.join(dir, "bulk.xml");
      const uploads = path.join(dir, "wp-content", "uploads");
      const g = await generateWxr(file, { posts: POSTS, images: 8, hostile: XSS_PAYLOADS, hostileEvery: 4, uploadsDir: uploads });
      const started = performance.now();
      const report = await importWordpress(t.db, file, { uploadsDir: uploads });
      const seconds = (performance.now() - started) / 1000;
      console.log(`bulk import: ${POSTS} posts in ${seconds.toFixed(1)} s (${(POSTS / seconds).toFixed(1)} posts/s)`);

      const imported = (g.byStatus.publish ?? 0) + (g.byStatus.draft ?? 0) + (g.byStatus.pending ?? 0) + (g.byStatus.future ?? 0);
      expect(report.created).toBe(imported);
      expect(report.skipped).toHaveLength((g.byStatus.private ?? 0) + (g.byStatus.trash ?? 0));
      // Every image was found in the uploads folder: uploaded once each, none left external.
      expect(report.externalImages).toBe(0);
      expect(report.uploadedImages).toBeGreaterThan(0);
      // (stored as <id>-<w>x<h>.webp, beside renditions <id>-<w>x<h>-<width>w.<format>)
      expect(readdirSync(path.join(dir, "stored")).filter((f) => !/-\d+w\.\w+$/.test(f))).toHaveLength(g.images);
      // Galleries and tables (every 5th post) and the corpus's scripts are dropped and listed per post.
      const droppedIds = new Set(report.dropped.map((d) => Number(d.post)));
      for (let n = 5; n <= POSTS; n += 5) if (!report.skipped.some((s) => Number(s.post) === n * 2)) expect(droppedIds.has(n * 2), `post ${n * 2}`).toBe(true);

      const [{ n: count }] = await t.db.select({ n: sql<number>`count(*)::int` }).from(articles);
      expect(Number(count)).toBe(imported);

      // Every hostile post that was imported: its body, rendered as the public page renders it,
      // injects nothing (headlines are plain text, escaped wherever they are shown).
      expect(g.hostilePosts.length).toBeGreaterThan(POSTS / 5);
      let checked = 0;
      for (const h of g.hostilePosts) {
        const [source] = await t.db
          .select({ id: importSources.targetId })
          .from(importSources)
          .where(
            and(eq(importSources.source, "wordpress"), eq(importSources.kind, "post"), eq(importSources.externalId, `https://archive.example/?p=${h.id}`)),
          );
        if (!source) continue; // private or trash
        const [a] = await t.db.select().from(articles).where(eq(articles.id, source.id));
        const html = renderBodyHtml(a.body);
        expect(findInjected(render(html)), `post ${h.id}: ${h.payloads.join(" | ")}`).toEqual([]);
        expect(html).toContain("avant");
        expect(a.headline).toMatch(/^\d+\./);
        checked++;
      }
      expect(checked).toBeGreaterThan(POSTS / 6);
    },
  );

  it("streams: reading a 100 MB export keeps the process's peak memory far below the file's size, titles and GUIDs kept", { timeout: 1_800_000 }, async () => {
    const file = path.join(dir, "big.xml");
    const g = await generateWxr(file, { posts: 500, bodyBytes: 200_000, images: 4 });
    expect(g.bytes).toBeGreaterThan(100 * 2 ** 20);
    const r = spawnSync(path.join("node_modules", ".bin", "tsx"), ["--conditions=react-server", "scripts/bench/import-child.ts", file, "--read-only"], {
      encoding: "utf8",
      // A 64 MB JavaScript heap: the file (100 MB, twice that as a string) cannot be held whole.
      // The child keeps every post's title and GUID, as an import does to its end: cut from the
      // file's chunks as they were (V8 sliced strings), they kept a chunk alive each and ran out.
      env: { ...process.env, NODE_OPTIONS: "--max-old-space-size=64" },
    });
    expect(r.status, r.stderr).toBe(0);
    const m = JSON.parse(r.stdout.trim().split("\n").pop()!) as {
      posts: number;
      kept: number;
      bodyMB: number;
      fileMB: number;
      rssBeforeMB: number;
      peakRssMB: number;
    };
    console.log(`streaming read: ${m.fileMB.toFixed(0)} MB file, peak RSS ${m.peakRssMB.toFixed(0)} MB (${m.rssBeforeMB.toFixed(0)} MB before reading)`);
    expect(m.posts).toBe(500);
    expect(m.kept).toBe(1000);
    expect(m.bodyMB).toBeGreaterThan(90);
    // Loaded whole, the file would take its size again (twice as a JavaScript string): the growth stays under half of
    // it (measured 19–35 MB on 104 MB; the resident size also holds the allocator's slack, which varies run to run).
    expect(m.peakRssMB - m.rssBeforeMB).toBeLessThan(m.fileMB / 2);
  });

  it("imports 200 KB bodies whole under a 160 MB heap: a batch does not keep its posts' documents", { timeout: 600_000 }, async () => {
    // More posts than one batch (50): each 200 KB body left ~14 MB of happy-dom nodes alive until
    // its batch ended (V8 keeps WeakRef targets until the job ends, and a batch ran as one job),
    // so one batch took ~700 MB and a 256 MB heap ran out (bench/results/moving.md, 2026-11-28).
    const file = path.join(dir, "big-bodies.xml");
    const g = await generateWxr(file, { posts: 60, bodyBytes: 200_000, images: 4 });
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      PGLITE_DIR: path.join(dir, "heap-capped-db"),
      UPLOADS_DIR: path.join(dir, "heap-capped-stored"),
      NODE_OPTIONS: "--max-old-space-size=160",
    };
    delete env.DATABASE_URL;
    const r = spawnSync(path.join("node_modules", ".bin", "tsx"), ["--conditions=react-server", "scripts/bench/import-child.ts", file], {
      encoding: "utf8",
      env,
    });
    expect(r.status, r.stderr.split("\n").slice(-20).join("\n")).toBe(0);
    const m = JSON.parse(r.stdout.trim().split("\n").pop()!) as { created: number; skipped: number };
    const imported = (g.byStatus.publish ?? 0) + (g.byStatus.draft ?? 0) + (g.byStatus.pending ?? 0) + (g.byStatus.future ?? 0);
    expect(m.created).toBe(imported);
    expect(m.created + m.skipped).toBe(60);
  });
});
