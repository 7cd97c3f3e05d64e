/**
 * The Content API and the export at scale, on PostgreSQL: a database of its own with the demo
 * newsroom and N bulk articles (scripts/bench/bulk-seed.ts, generated in SQL), then
 *  - list (first page, pages further on by cursor, a tag filter) and item p50/p95 through
 *    `serveApi` in this process (key check, rate limit, query, JSON, ETag: everything but HTTP;
 *    the response cache off, so every answer is read from the database),
 *  - `writeExportJson` (the JSON export) and the WXR export, timed.
 * Used by the bench step "import" (scripts/bench/import.ts).
 */
import { eq } from "drizzle-orm";
import postgres from "postgres";

import { openDb } from "../../db";
import { users } from "../../db/schema";
import { getArticle, listArticles, serveApi } from "../../lib/content-api/handlers";
import { createApiKey } from "../../lib/content-api/keys";
import { demoPasswords, seedDemo } from "../../lib/demo/seed";
import { writeExportJson } from "../../lib/export/json";
import { exportWxr } from "../../lib/export/wxr";
import { bulkSeed } from "./bulk-seed";

export type ApiFigure = { name: string; n: number; p50Ms: number; p95Ms: number };
export type ApiFigures = { articles: number; seedSeconds: number; api: ApiFigure[]; exportJsonSeconds: number; exportWxrSeconds: number };

const DB_NAME = "newsroom_bench_api";

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

export async function benchApiAndExport(adminUrl: string, articles: number, log: (s: string) => void): Promise<ApiFigures> {
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`DROP DATABASE IF EXISTS ${DB_NAME} WITH (FORCE)`);
  await admin.unsafe(`CREATE DATABASE ${DB_NAME}`);
  const url = new URL(adminUrl);
  url.pathname = `/${DB_NAME}`;
  const handle = await openDb({ databaseUrl: url.toString(), max: 4 });
  const rateLimit = process.env.API_RATE_LIMIT;
  process.env.API_RATE_LIMIT = "1000000000";
  try {
    const db = handle.db;
    await seedDemo(db, demoPasswords(""), { images: false });
    let started = performance.now();
    await bulkSeed(db, articles, 2);
    const seedSeconds = (performance.now() - started) / 1000;
    log(`  PostgreSQL: ${articles} articles seeded in ${seedSeconds.toFixed(0)} s`);
    const [boss] = await db.select({ id: users.id }).from(users).where(eq(users.role, "admin")).limit(1);
    const created = await createApiKey(db, { id: boss.id, role: "admin", active: true }, { name: "bench" });
    if (!created.ok) throw new Error(created.message);
    const authorization = `Bearer ${created.key}`;
    const call = async (path: string, handler: Parameters<typeof serveApi>[2]) => {
      const t0 = performance.now();
      // No response cache (null): every answer is read, the cost of a first request for a page.
      const res = await serveApi(db, new Request(`http://localhost/api/v1${path}`, { headers: { authorization } }), handler, null);
      const body = await res.text();
      const ms = performance.now() - t0;
      if (res.status !== 200) throw new Error(`${path} answered ${res.status}: ${body.slice(0, 200)}`);
      return { ms, body: JSON.parse(body) as { data?: { slug: string }[]; next_cursor?: string | null } };
    };
    const measure = async (name: string, n: number, one: (i: number) => Promise<number>): Promise<ApiFigure> => {
      for (let i = 0; i < 5; i++) await one(i); // warm
      const times: number[] = [];
      for (let i = 0; i < n; i++) times.push(await one(i));
      times.sort((a, b) => a - b);
      const figure = { name, n, p50Ms: percentile(times, 50), p95Ms: percentile(times, 95) };
      log(`  ${name}: p50 ${figure.p50Ms.toFixed(1)} ms, p95 ${figure.p95Ms.toFixed(1)} ms`);
      return figure;
    };
    // Slugs and cursors to walk: the first 50 pages of 20.
    const slugs: string[] = [];
    const cursors: string[] = [];
    let cursor: string | null | undefined = null;
    for (let page = 0; page < 50; page++) {
      const { body } = await call(`/articles?limit=20${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`, listArticles);
      slugs.push(...(body.data ?? []).map((a) => a.slug));
      cursor = body.next_cursor;
      if (!cursor) break;
      cursors.push(cursor);
    }
    const api = [
      await measure("list: first page (limit 20)", 200, async () => (await call("/articles?limit=20", listArticles)).ms),
      await measure(
        "list: a page further on by cursor",
        200,
        async (i) => (await call(`/articles?limit=20&cursor=${encodeURIComponent(cursors[i % cursors.length])}`, listArticles)).ms,
      ),
      await measure("list: filtered by tag", 200, async (i) => (await call(`/articles?limit=20&tag=sujet-${(i % 50) + 1}`, listArticles)).ms),
      await measure(
        "item: one article by slug",
        400,
        async (i) => (await call(`/articles/${encodeURIComponent(slugs[(i * 7) % slugs.length])}`, getArticle(slugs[(i * 7) % slugs.length]))).ms,
      ),
    ];
    started = performance.now();
    // As `npm run export` writes it, a row at a time; only the bytes are counted here.
    let jsonBytes = 0;
    await writeExportJson(db, (chunk) => void (jsonBytes += Buffer.byteLength(chunk)));
    const exportJsonSeconds = (performance.now() - started) / 1000;
    log(`  export json: ${exportJsonSeconds.toFixed(1)} s (${(jsonBytes / 2 ** 20).toFixed(0)} MB)`);
    started = performance.now();
    let bytes = 0;
    for await (const chunk of exportWxr(db, "https://news.example")) bytes += chunk.length;
    const exportWxrSeconds = (performance.now() - started) / 1000;
    log(`  export wxr: ${exportWxrSeconds.toFixed(1)} s (${(bytes / 2 ** 20).toFixed(0)} MB)`);
    return { articles, seedSeconds, api, exportJsonSeconds, exportWxrSeconds };
  } finally {
    if (rateLimit === undefined) delete process.env.API_RATE_LIMIT;
    else process.env.API_RATE_LIMIT = rateLimit;
    await handle.close();
    await admin.unsafe(`DROP DATABASE IF EXISTS ${DB_NAME} WITH (FORCE)`);
    await admin.end();
  }
}
