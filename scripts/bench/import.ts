/**
 * Bench step "import" (`npm run bench -- --only import`): moving in and out.
 *  - Import rate: a generated WordPress-6-like export (lib/import/wxr-generate.ts) of
 *    BENCH_IMPORT_POSTS posts (default 10,000) with images in a wp-content/uploads folder and the
 *    XSS corpus mixed in, imported by `scripts/bench/import-child.ts` into a fresh embedded
 *    database: posts/s and the process's peak RSS.
 *  - Streaming: an export of BENCH_IMPORT_BIG_MB (default 200) of big bodies (200 KB each)
 *    imported the same way: peak RSS against the file's size.
 *  - Content API and export at scale (PostgreSQL): see scripts/bench/api.ts.
 * Writes bench/results/moving.{md,json}.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";

import { XSS_PAYLOADS } from "../../e2e/corpus/xss-payloads";
import { generateWxr } from "../../lib/import/wxr-generate";
import { benchApiAndExport, type ApiFigures } from "./api";

export type ImportRun = {
  label: string;
  posts: number;
  fileMB: number;
  created: number;
  skipped: number;
  uploadedImages: number;
  externalImages: number;
  seconds: number;
  postsPerSecond: number;
  /** User + system CPU of the import process (sharp's threads included); the elapsed time also holds the machine's other load. */
  cpuSeconds: number;
  engine: "pglite" | "postgres";
  rssBeforeMB: number;
  peakRssMB: number;
  heapLimitMB: number | null;
};

export type MovingResults = {
  date: string;
  load: number[];
  /** The sizes this run was asked for (environment or defaults). */
  sizes?: Record<string, number>;
  imports: ImportRun[];
  api: ApiFigures | null;
  errors: string[];
};

function importIn(
  label: string,
  file: string,
  uploads: string | null,
  posts: number,
  heapLimitMB: number | null,
  databaseUrl: string | null = null,
): ImportRun {
  const work = mkdtempSync(path.join(os.tmpdir(), "bench-import-db-"));
  try {
    const env: NodeJS.ProcessEnv = { ...process.env, PGLITE_DIR: path.join(work, "db"), UPLOADS_DIR: path.join(work, "stored"), LOG_LEVEL: "warn" };
    delete env.DATABASE_URL;
    if (databaseUrl) env.DATABASE_URL = databaseUrl;
    if (heapLimitMB) env.NODE_OPTIONS = `--max-old-space-size=${heapLimitMB}`;
    const r = spawnSync(
      path.join("node_modules", ".bin", "tsx"),
      ["--conditions=react-server", "scripts/bench/import-child.ts", file, ...(uploads ? ["--uploads", uploads] : [])],
      { env, encoding: "utf8", maxBuffer: 64 << 20 },
    );
    if (r.status !== 0) throw new Error(`${label}: the import exited ${r.status}: ${r.stderr.split("\n").slice(-15).join("\n")}`);
    const m = JSON.parse(r.stdout.trim().split("\n").pop()!) as Omit<ImportRun, "label" | "posts" | "heapLimitMB" | "engine">;
    return { label, posts, heapLimitMB, engine: databaseUrl ? "postgres" : "pglite", ...m };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

export async function benchMoving(opts: { pgAdminUrl: string | null; articles: number; log: (s: string) => void; resultsDir: string }): Promise<MovingResults> {
  const results: MovingResults = { date: new Date().toISOString(), load: os.loadavg(), imports: [], api: null, errors: [] };
  const posts = Number(process.env.BENCH_IMPORT_POSTS || 10_000);
  const bigMB = Number(process.env.BENCH_IMPORT_BIG_MB || 200);
  // The same kind of export into PostgreSQL (the production engine), BENCH_IMPORT_PG_POSTS posts (0: skipped).
  const pgPosts = Number(process.env.BENCH_IMPORT_PG_POSTS ?? 2000);
  results.sizes = {
    BENCH_IMPORT_POSTS: posts,
    BENCH_IMPORT_PG_POSTS: opts.pgAdminUrl ? pgPosts : 0,
    BENCH_IMPORT_BIG_MB: bigMB,
    BENCH_ARTICLES: opts.articles,
  };
  const dir = mkdtempSync(path.join(os.tmpdir(), "bench-import-"));
  try {
    const file = path.join(dir, "export.xml");
    const uploads = path.join(dir, "wp-content", "uploads");
    const g = await generateWxr(file, { posts, images: 200, hostile: XSS_PAYLOADS, hostileEvery: 10, uploadsDir: uploads });
    opts.log(`  generated ${posts} posts (${(g.bytes / 2 ** 20).toFixed(1)} MB, ${g.images} images); importing…`);
    results.imports.push(importIn(`${posts} posts with images`, file, uploads, posts, null));
    rmSync(file);
    if (opts.pgAdminUrl && pgPosts > 0) {
      const pgFile = path.join(dir, "export-pg.xml");
      await generateWxr(pgFile, { posts: pgPosts, images: 200, hostile: XSS_PAYLOADS, hostileEvery: 10, uploadsDir: uploads });
      const admin = postgres(opts.pgAdminUrl, { max: 1, onnotice: () => {} });
      const url = new URL(opts.pgAdminUrl);
      url.pathname = "/newsroom_bench_import";
      try {
        await admin.unsafe("DROP DATABASE IF EXISTS newsroom_bench_import WITH (FORCE)");
        await admin.unsafe("CREATE DATABASE newsroom_bench_import");
        opts.log(`  importing ${pgPosts} posts with images into PostgreSQL…`);
        results.imports.push(importIn(`${pgPosts} posts with images`, pgFile, uploads, pgPosts, null, url.toString()));
      } finally {
        await admin.unsafe("DROP DATABASE IF EXISTS newsroom_bench_import WITH (FORCE)");
        await admin.end();
      }
      rmSync(pgFile);
    }
    const bigPosts = Math.max(1, Math.round((bigMB * 2 ** 20) / 200_000));
    const big = path.join(dir, "big.xml");
    const gb = await generateWxr(big, { posts: bigPosts, bodyBytes: 200_000, images: 4 });
    opts.log(`  generated ${bigPosts} posts of 200 KB (${(gb.bytes / 2 ** 20).toFixed(0)} MB); importing…`);
    // Under a 256 MB JavaScript heap, far below the file's size: the whole import runs in bounded
    // memory (lib/import/bulk.int.test.ts checks 160 MB on 60 such posts).
    results.imports.push(importIn(`${bigPosts} posts of 200 KB`, big, null, bigPosts, 256));
  } catch (error) {
    results.errors.push(`import: ${(error as Error).message}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  for (const run of results.imports)
    opts.log(
      `  ${run.label} (${run.engine}): ${run.postsPerSecond.toFixed(1)} posts/s, ${((1000 * run.cpuSeconds) / Math.max(run.created, 1)).toFixed(0)} ms CPU a post, peak RSS ${run.peakRssMB.toFixed(0)} MB for ${run.fileMB.toFixed(0)} MB`,
    );
  if (opts.pgAdminUrl) {
    try {
      results.api = await benchApiAndExport(opts.pgAdminUrl, opts.articles, opts.log);
    } catch (error) {
      results.errors.push(`api/export: ${(error as Error).message}`);
    }
  } else results.errors.push("PostgreSQL not reachable: Content API and export at scale not measured.");
  results.load.push(...os.loadavg());
  mkdirSync(opts.resultsDir, { recursive: true });
  writeFileSync(path.join(opts.resultsDir, "moving.json"), JSON.stringify(results, null, 2) + "\n");
  writeFileSync(path.join(opts.resultsDir, "moving.md"), movingMarkdown(results));
  return results;
}

export function movingMarkdown(r: MovingResults): string {
  const f = (n: number, d = 1) => (Number.isFinite(n) ? n.toFixed(d) : "–");
  const lines = [
    "## Moving in and out (import, Content API, export)",
    "",
    `${r.date}, ${os.cpus().length} CPUs, load average ${r.load
      .slice(0, 3)
      .map((l) => l.toFixed(1))
      .join(" / ")} before and ${r.load
      .slice(3)
      .map((l) => l.toFixed(1))
      .join(" / ")} after (shared machine: absolute figures are pessimistic).`,
    "",
    ...(r.sizes
      ? [
          `Sizes run: ${Object.entries(r.sizes)
            .map(([k, v]) => `${k}=${v}`)
            .join(", ")}.`,
          "",
        ]
      : []),
    "| import (WordPress WXR) | into | posts | file | created | skipped | images uploaded | time | rate | CPU a post | peak RSS (before the import) | heap limit |",
    "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ...r.imports.map(
      (i) =>
        `| ${i.label} | ${i.engine === "postgres" ? "PostgreSQL" : "embedded PGlite"} | ${i.posts} | ${f(i.fileMB)} MB | ${i.created} | ${i.skipped} | ${i.uploadedImages} | ${f(i.seconds, 0)} s | ${f(i.postsPerSecond)} posts/s | ${i.cpuSeconds === undefined ? "–" : `${f((1000 * i.cpuSeconds) / Math.max(i.created, 1), 0)} ms`} | ${f(i.peakRssMB, 0)} MB (${f(i.rssBeforeMB, 0)} MB) | ${i.heapLimitMB ? `${i.heapLimitMB} MB` : "default"} |`,
    ),
    "",
    "CPU a post: the import process's user + system CPU (sharp's encoding threads included) over the posts created; on a shared machine it moves less than the elapsed time.",
    "",
  ];
  if (r.api) {
    const a = r.api;
    lines.push(
      `Content API (in process: \`serveApi\` with key check, query, JSON and ETag, the response cache off so every answer is read; no HTTP) and export, PostgreSQL, ${a.articles} bulk articles, 80 % of them published (seeded in ${f(a.seedSeconds, 0)} s):`,
      "",
      "| measure | n | p50 | p95 | target |",
      "| --- | ---: | ---: | ---: | --- |",
      ...a.api.map((x) => `| ${x.name} | ${x.n} | ${f(x.p50Ms)} ms | ${f(x.p95Ms)} ms | p95 < 20 ms: ${x.p95Ms < 20 ? "met" : "missed"} |`),
      `| export --format json (no images) | 1 | ${f(a.exportJsonSeconds)} s | | |`,
      `| export --format wxr | 1 | ${f(a.exportWxrSeconds)} s | | |`,
      "",
    );
  }
  if (r.errors.length) lines.push(...r.errors.map((e) => `- ⚠ ${e}`), "");
  return lines.join("\n");
}
