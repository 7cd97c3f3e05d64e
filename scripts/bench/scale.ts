/**
 * Scale: the bulk seeder on the PostgreSQL app's own database (50,000 articles, 200,000
 * revisions), then p50/p95 of the public pages through HTTP (the cached path readers get) and
 * of each page's database reads called directly (the uncached cost), with EXPLAIN ANALYZE of
 * every SQL statement those reads send.
 */
import { createHash, randomBytes } from "node:crypto";
import { drizzle } from "drizzle-orm/postgres-js";
import postgres from "postgres";

import type { Db } from "@/db";
import { listDashboardArticles } from "@/db/queries/dashboard";
import * as q from "@/db/queries/public";
import { searchPublishedArticles } from "@/db/queries/public-search";
import * as schema from "@/db/schema";
import type { Role } from "@/lib/roles";
import { loadDashboard } from "@/lib/workflow/dashboard";

import { percentile } from "./browser";
import { bulkSeed } from "./bulk-seed";

export const TAG_SLUG = "sujet-7";
export const COMMON_QUERY = "cybersécurité hôpital";
export const RARE_QUERY = "31337";

type Timing = { name: string; p50Ms: number; p95Ms: number; firstMs: number; n: number };
export type Plan = { name: string; sql: string; indexLines: string[]; executionMs: number; plan: string };
export type ScaleResult = { articles: number; revisions: number; seedSeconds: number; http: Timing[]; direct: Timing[]; plans: Plan[] };

export async function benchScale(o: {
  origin: string;
  databaseUrl: string;
  articles: number;
  revisionsPerArticle: number;
  iterations: number;
}): Promise<ScaleResult> {
  const { client, db, captured, capture } = captureClient(o.databaseUrl);
  try {
    const started = performance.now();
    await bulkSeed(db, o.articles, o.revisionsPerArticle);
    const seedSeconds = (performance.now() - started) / 1000;
    const [{ n: articleCount }] = await client<{ n: number }[]>`select count(*)::int as n from articles`;
    const [{ n: revisionCount }] = await client<{ n: number }[]>`select count(*)::int as n from article_revisions`;

    const pages: Record<string, string> = {
      "front page": "/",
      "tag page": `/tags/${TAG_SLUG}`,
      [`search "${COMMON_QUERY}"`]: `/search?q=${encodeURIComponent(COMMON_QUERY)}`,
      [`search "${RARE_QUERY}"`]: `/search?q=${encodeURIComponent(RARE_QUERY)}`,
    };
    // HTTP first: the first request after the seed is the uncached render of each page.
    const http: Timing[] = [];
    for (const [name, path] of Object.entries(pages)) {
      http.push(
        await time(name, o.iterations, async () => {
          const r = await fetch(o.origin + path);
          await r.text();
          if (!r.ok) throw new Error(`${path} answered ${r.status}`);
        }),
      );
    }
    http.push(...(await benchContentApi(client, o.origin, o.iterations)));
    const { direct, plans } = await measureReads(db, client, captured, capture, o.iterations);
    return { articles: articleCount, revisions: revisionCount, seedSeconds, http, direct, plans };
  } finally {
    await client.end({ timeout: 5 });
  }
}

/**
 * p50/p95 of each page's database reads called directly, then EXPLAIN ANALYZE of every distinct
 * statement one call sends (captured through the drizzle logger that `capture` switches on).
 */
export async function measureReads(
  db: Db,
  client: postgres.Sql,
  captured: { sql: string; params: unknown[] }[],
  capture: (on: boolean) => void,
  iterations: number,
  only?: (name: string) => boolean,
): Promise<{ direct: Timing[]; plans: Plan[] }> {
  const [editor] = await client<{ id: string; role: Role }[]>`select id, role from users where email = 'editor@newsroom.test'`;
  const [journalist] = await client<{ id: string; role: Role }[]>`select id, role from users where email = 'claire@newsroom.test'`;
  const tag = await q.getPublicTagBySlug({ db, slug: TAG_SLUG });
  if (!tag) throw new Error(`tag ${TAG_SLUG} has no published article after the bulk seed`);
  const [section] = await q.listSections({ db });
  const reads: Record<string, () => Promise<unknown>> = {
    // The reads behind getFrontPage (lib/cache/public-data.ts).
    "front page": () => readFrontPage(db),
    // The reads behind getTagPage, page 1.
    "tag page": async () => {
      const t = await q.getPublicTagBySlug({ db, slug: TAG_SLUG });
      const where = q.withTag(t!.id);
      await Promise.all([q.listPublishedArticles({ db, where, limit: q.PAGE_SIZE }), q.countPublishedArticles({ db, where })]);
    },
    // The reads behind getSectionPage and getAuthorPage, page 1 (list + count).
    "section page": async () => {
      const where = q.inSection(section.slug);
      await Promise.all([q.listPublishedArticles({ db, where, limit: q.PAGE_SIZE }), q.countPublishedArticles({ db, where })]);
    },
    "author page": async () => {
      const where = q.byAuthor(editor.id);
      await Promise.all([q.listPublishedArticles({ db, where, limit: q.PAGE_SIZE }), q.countPublishedArticles({ db, where })]);
    },
    "review queue": () => listDashboardArticles({ db, user: editor, statuses: ["in_review"], order: "submitted", limit: 100 }),
    "editor dashboard (4 lists)": () => loadDashboard(db, editor),
    "journalist dashboard (5 lists)": () => loadDashboard(db, journalist),
    [`search "${COMMON_QUERY}"`]: () => searchPublishedArticles({ db, query: COMMON_QUERY }),
    [`search "${RARE_QUERY}"`]: () => searchPublishedArticles({ db, query: RARE_QUERY }),
  };
  const direct: Timing[] = [];
  const plans: Plan[] = [];
  for (const [name, read] of Object.entries(reads)) {
    if (only && !only(name)) continue;
    direct.push(await time(name, iterations, read));
    captured.length = 0;
    capture(true);
    await read();
    capture(false);
    const seen = new Set<string>();
    let k = 0;
    for (const c of captured) {
      if (seen.has(c.sql)) continue; // repeated statements (same SQL text) are explained once
      seen.add(c.sql);
      const rows = await client.unsafe(`explain (analyze, format text) ${c.sql}`, c.params as never[]);
      const plan = rows.map((r) => r["QUERY PLAN"] as string).join("\n");
      plans.push({
        name: `${name} #${++k}`,
        sql: c.sql,
        plan,
        indexLines: plan
          .split("\n")
          .filter((l) => /Index|Seq Scan|Bitmap Heap/.test(l))
          .map((l) =>
            l
              .trim()
              .replace(/^->\s*/, "")
              .replace(/\s+\(cost=.*$/, ""),
          ),
        executionMs: Number(/Execution Time: ([\d.]+)/.exec(plan)?.[1] ?? NaN),
      });
    }
  }
  return { direct, plans };
}

/**
 * The Content API over HTTP, each measure with a key made for the bench (target p95 < 20 ms). A
 * key of its own per measure: each stays under the per-key limit (API_RATE_LIMIT, 300 a minute),
 * which would otherwise answer 429. Two kinds of request, both measured:
 *  - asked again (the first page, one article): after the first, the API's response cache answers
 *    until the public site changes (lib/content-api/response-cache.ts);
 *  - each once (a walk by next_cursor, then each article of those pages): every answer is read
 *    from the database, as for a client backfilling the archive.
 */
async function benchContentApi(client: postgres.Sql, origin: string, iterations: number): Promise<Timing[]> {
  const newKey = async () => {
    const key = `nrk_bench_${randomBytes(16).toString("hex")}`;
    const hash = createHash("sha256").update(key).digest("hex");
    await client`insert into api_keys (name, prefix, token_hash) values ('bench', ${key.slice(0, 10)}, ${hash})`;
    return key;
  };
  const [{ slug }] = await client<{ slug: string }[]>`select slug from articles where status = 'published' order by first_published_at desc limit 1`;
  const fetchJson = async (path: string, key: string) => {
    const r = await fetch(origin + path, { headers: { authorization: `Bearer ${key}` } });
    const text = await r.text();
    if (!r.ok) throw new Error(`${path} answered ${r.status}`);
    return JSON.parse(text) as { data: { slug: string }[] | { slug: string }; next_cursor?: string | null };
  };
  const get = (path: string, key: string) => async () => void (await fetchJson(path, key));
  // Its target is a p95: from the page reads' 30 requests that is the second slowest, one pause of
  // the machine. 200 each, as the in-process figures of bench/results/moving.md.
  const n = Math.min(Math.max(iterations, 200), 250);
  const listAgain = await time("Content API list (first page, asked again)", n, get("/api/v1/articles?limit=20", await newKey()));
  const itemAgain = await time("Content API item (one article, asked again)", n, get(`/api/v1/articles/${encodeURIComponent(slug)}`, await newKey()));
  // A walk from the second page on (the first one is kept by now): n + 1 pages, each asked once.
  const walkKey = await newKey();
  let cursor = (await fetchJson("/api/v1/articles?limit=20", walkKey)).next_cursor;
  const slugs: string[] = [];
  const listOnce = await time("Content API list (by cursor, each page once)", n, async () => {
    if (!cursor) throw new Error("the walk ran out of pages");
    const body = await fetchJson(`/api/v1/articles?limit=20&cursor=${encodeURIComponent(cursor)}`, walkKey);
    slugs.push(...(body.data as { slug: string }[]).map((a) => a.slug));
    cursor = body.next_cursor;
  });
  const itemKey = await newKey();
  let next = 0;
  const itemOnce = await time("Content API item (each article once)", n, async () => {
    const s = slugs[(next++ * 7) % slugs.length];
    await fetchJson(`/api/v1/articles/${encodeURIComponent(s)}`, itemKey);
  });
  return [listAgain, listOnce, itemAgain, itemOnce];
}

async function readFrontPage(db: Db) {
  await Promise.all([q.listPublishedArticles({ db, limit: 11 }), q.listSectionFronts({ db, perSection: 4 })]);
}

async function time(name: string, n: number, fn: () => Promise<unknown>): Promise<Timing> {
  let t = performance.now();
  await fn();
  const firstMs = performance.now() - t;
  const samples: number[] = [];
  for (let i = 0; i < n; i++) {
    t = performance.now();
    await fn();
    samples.push(performance.now() - t);
  }
  return { name, n, firstMs, p50Ms: percentile(samples, 50), p95Ms: percentile(samples, 95) };
}

function captureClient(databaseUrl: string) {
  const captured: { sql: string; params: unknown[] }[] = [];
  let capturing = false;
  const client = postgres(databaseUrl, { max: 4, onnotice: () => {} });
  const db = drizzle(client, {
    schema,
    logger: { logQuery: (sql, params) => void (capturing && captured.push({ sql, params })) },
  }) as unknown as Db;
  return { client, db, captured, capture: (on: boolean) => void (capturing = on) };
}

// Direct reads only, on an already seeded database (no seed, no HTTP), for working on queries:
//   DATABASE_URL=… tsx --conditions=react-server scripts/bench/scale.ts [iterations] [name filter]
if (process.argv[1]?.endsWith("scale.ts")) {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("Set DATABASE_URL to a database seeded with scripts/bench/bulk-seed.ts.");
  const { client, db, captured, capture } = captureClient(url);
  const filter = process.argv[3];
  try {
    const { direct, plans } = await measureReads(db, client, captured, capture, Number(process.argv[2] ?? 30), filter ? (n) => n.includes(filter) : undefined);
    for (const p of plans) console.log(`\n## ${p.name} (${p.executionMs} ms)\n${p.plan}`);
    console.log("");
    for (const t of direct)
      console.log(
        `${t.name.padEnd(34)} first ${t.firstMs.toFixed(1).padStart(7)}  p50 ${t.p50Ms.toFixed(1).padStart(7)}  p95 ${t.p95Ms.toFixed(1).padStart(7)} ms (n=${t.n})`,
      );
  } finally {
    await client.end({ timeout: 5 });
  }
}
