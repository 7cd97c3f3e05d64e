/**
 * `npm run bench`: builds the production app into .next-bench, starts it on a fresh demo
 * database (PGlite, then PostgreSQL), measures, and writes bench/results/latest.{md,json}.
 * A script, not a test: it exits non-zero only when the bench itself breaks, never for a
 * missed target. Environment: BENCH_PORT (first of 5 ports, default 3400), BENCH_PG_URL
 * (admin URL, default TEST_PG_URL or postgres://postgres@127.0.0.1:5432/postgres),
 * BENCH_SECONDS (per load point, default 8), BENCH_ROUNDS (interleaved rounds of the article
 * load, default 3), BENCH_SKIP_BUILD=1 (reuse .next-bench),
 * BENCH_ONLY or `npm run bench -- --only <list>` (comma list of article,weights,lighthouse,uncached,publish,editor,scale,collab,import),
 * BENCH_ENGINES (pglite,postgres), BENCH_ARTICLES (scale size, default 50000), BENCH_COLLAB_SECONDS
 * (co-editing typing window, default 25), BENCH_LIGHTHOUSE_RUNS (Lighthouse runs per page, default 3). `--only collab` (PostgreSQL only, ~2–3 min after the
 * build) writes its section into the existing bench/results/latest.{md,json} instead of a partial file.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import postgres from "postgres";

import { TYPICAL } from "../../e2e/fixtures";
import { launch } from "./browser";
import { benchCollab } from "./collab";
import { benchEditor } from "./editor";
import { benchFloor, startFloor, type FloorServer } from "./floor";
import { benchMoving } from "./import";
import { benchLighthouse } from "./lighthouse";
import { chooseDriver, loadPoint, pinServer, randomQuery, startBaseline, startNginx, unpinServer, warmUp, type LoadPoint } from "./load";
import { pageTypes, pageWeights, uncachedRenders, type PageType } from "./pages";
import { benchPublish } from "./publish";
import { COLLAB_HEADING, renderCollab, renderMarkdown, type Results } from "./report";
import { benchScale } from "./scale";
import { LOG_DIR, startApp, type AppServer } from "./server";

const started = performance.now();
const DIST = ".next-bench";
const PORT = Number(process.env.BENCH_PORT || 3400);
const PG_URL = process.env.BENCH_PG_URL || process.env.TEST_PG_URL || "postgres://postgres@127.0.0.1:5432/postgres";
const SECONDS = Number(process.env.BENCH_SECONDS || 8);
const ROUNDS = Number(process.env.BENCH_ROUNDS || 3);
const driver = chooseDriver();
const ARTICLES = Number(process.env.BENCH_ARTICLES || 50_000);
const onlyArg = process.argv.includes("--only") ? process.argv[process.argv.indexOf("--only") + 1] : undefined;
const ONLY_LIST = onlyArg || process.env.BENCH_ONLY;
const ONLY = new Set((ONLY_LIST || "article,weights,lighthouse,uncached,publish,editor,scale,collab,import").split(","));
/** The secret the bench's app signs with (scripts/e2e-server.mjs): collaboration tickets are signed with it. */
const AUTH_SECRET = process.env.AUTH_SECRET || "e2e-secret-not-for-production-0123456789";
const ENGINES = (process.env.BENCH_ENGINES || "pglite,postgres").split(",");
const RESULTS = path.join(process.cwd(), "bench", "results");
const log = (msg: string) => console.log(`[bench ${((performance.now() - started) / 1000).toFixed(0).padStart(4)} s] ${msg}`);

const results: Results = {
  meta: {
    date: new Date().toISOString(),
    commit:
      (spawnSync("git", ["rev-parse", "--short", "HEAD"], { encoding: "utf8" }).stdout.trim() || "unknown") +
      (spawnSync("git", ["status", "--porcelain", "--untracked-files=no"], { encoding: "utf8" }).stdout.trim() ? " (with uncommitted changes)" : ""),
    node: process.version,
    cpus: os.cpus().length,
    loadBefore: os.loadavg(),
    loadAfter: [],
    totalSeconds: 0,
    seconds: SECONDS,
    rounds: ROUNDS,
    driver,
  },
  article: [],
  publish: [],
  editor: [],
  scale: null,
  collab: null,
  junkQuery: [],
  weights: [],
  lighthouse: [],
  uncached: [],
  floor: [],
  errors: [],
};
let pages: PageType[] = [];

async function step(name: string, fn: () => Promise<void>, part?: string) {
  if (part && !ONLY.has(part)) return;
  log(`${name}…`);
  try {
    await fn();
  } catch (error) {
    const message = `${name}: ${(error as Error).stack ?? error}`;
    console.error(message);
    results.errors.push(`${name}: ${(error as Error).message}`);
  }
}

/** The app's PostgreSQL backends (the sessions on its database), for database CPU per request. */
function backendPids(databaseUrl: string | undefined) {
  if (!databaseUrl) return undefined;
  const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  const read = async () =>
    (
      await sql<{ pid: number }[]>`select pid from pg_stat_activity
        where datname = current_database() and backend_type = 'client backend' and pid <> pg_backend_pid()`
    ).map((r) => r.pid);
  return { read, end: () => sql.end({ timeout: 1 }) };
}

/**
 * The article page under load: the bare Node baseline, nginx and Newsroom, in interleaved rounds
 * (each round measures every target at each concurrency), all servers up at once and pinned off
 * the load generator's core.
 */
async function articleLoad(app: AppServer, htmlFile: string, headersFile: string) {
  const url = `http://127.0.0.1:${app.port}/articles/${TYPICAL.slug}`;
  const baseline = await startBaseline(PORT + 2, htmlFile);
  const withHeaders = await startBaseline(PORT + 5, htmlFile, headersFile);
  const nginx = await startNginx(PORT + 3, htmlFile);
  if ("error" in nginx) results.errors.push(nginx.error);
  const db = backendPids(app.databaseUrl);
  const targets = [
    { name: "baseline", url: baseline.url, pid: baseline.pid, db: undefined },
    { name: "baseline-headers", url: withHeaders.url, pid: withHeaders.pid, db: undefined },
    ...("error" in nginx ? [] : [{ name: "nginx", url: nginx.url, pid: nginx.pid, db: undefined }]),
    { name: "app", url, pid: app.listenerPid, db: db?.read },
  ];
  const points: LoadPoint[] = [];
  try {
    for (const t of targets) {
      pinServer(driver, t.pid);
      await warmUp(driver, t.url, 2);
    }
    for (let round = 1; round <= ROUNDS; round++)
      for (const c of [10, 50])
        for (const t of targets) {
          const p = await loadPoint(driver, t.name, t.url, c, SECONDS, t.pid, t.db);
          points.push(p);
          log(
            `  round ${round} ${t.name} c=${c}: ${p.rps.toFixed(0)} req/s, p99 ${p.p99Ms.toFixed(1)} ms, ${p.cpuMsPerRequest.toFixed(3)} ms CPU/req` +
              (Number.isFinite(p.dbCpuMsPerRequest) ? `, db ${p.dbCpuMsPerRequest.toFixed(3)} ms/req` : "") +
              `, ${p.errors} errors`,
          );
        }
  } finally {
    // The pin is this measurement's (the load generator's core kept free): the app's later
    // measurements (publish, editor, co-editing, scale) run on every CPU, as without it.
    unpinServer(app.listenerPid);
    await baseline.stop();
    await withHeaders.stop();
    if (!("error" in nginx)) await nginx.stop();
    await db?.end();
  }
  results.article.push({ engine: app.engine, points });
}

async function pgReachable(): Promise<boolean> {
  const sql = postgres(PG_URL, { max: 1, connect_timeout: 5, onnotice: () => {} });
  try {
    await sql`select 1`;
    return true;
  } catch {
    return false;
  } finally {
    await sql.end({ timeout: 1 });
  }
}

mkdirSync(LOG_DIR, { recursive: true });
mkdirSync(RESULTS, { recursive: true });
let broken = false;
// Moving in and out (scripts/bench/import.ts, bench/results/moving.md): needs no app server, so it runs before the build.
await step(
  "import, Content API and export",
  async () => {
    const moving = await benchMoving({ pgAdminUrl: (await pgReachable()) ? PG_URL : null, articles: ARTICLES, log, resultsDir: RESULTS });
    results.errors.push(...moving.errors.map((e) => `moving: ${e}`));
  },
  "import",
);
if ([...ONLY].every((p) => p === "import")) {
  log("wrote bench/results/moving.md and moving.json");
  process.exit(results.errors.length ? 1 : 0);
}
if (process.env.BENCH_SKIP_BUILD !== "1") {
  log(`next build into ${DIST} (log: ${path.join(LOG_DIR, "build.log")})`);
  const b = spawnSync("npx", ["next", "build"], {
    env: { ...process.env, NEXT_DIST_DIR: DIST, NEXT_TELEMETRY_DISABLED: "1" },
    encoding: "utf8",
    maxBuffer: 64 << 20,
  });
  writeFileSync(path.join(LOG_DIR, "build.log"), `${b.stdout}\n${b.stderr}`);
  if (b.status !== 0) {
    console.error(b.stdout, b.stderr);
    process.exit(1);
  }
}
const browser = await launch();
const htmlFile = path.join(LOG_DIR, "article.html");
const headersFile = path.join(LOG_DIR, "article-headers.json");
const engines: ("pglite" | "postgres")[] = [];
if (ENGINES.includes("pglite") && ["article", "weights", "lighthouse", "uncached", "publish", "editor"].some((p) => ONLY.has(p))) engines.push("pglite");
if (ENGINES.includes("postgres") && (await pgReachable())) engines.push("postgres");
else if (!ENGINES.includes("postgres")) void 0;
else results.errors.push(`PostgreSQL at ${PG_URL} is not reachable: PostgreSQL measurements and the scale test were skipped.`);

for (const engine of engines) {
  let app: AppServer | null = null;
  await step(`start the app on ${engine}`, async () => {
    app = await startApp({ engine, port: engine === "pglite" ? PORT : PORT + 1, distDir: DIST, pgAdminUrl: PG_URL });
    log(`  up on ${app.origin}, server pid ${app.listenerPid}`);
  });
  if (!app) {
    broken = true;
    continue;
  }
  const running: AppServer = app;
  try {
    await step(
      `article page on ${engine}`,
      async () => {
        const r = await fetch(`${running.origin}/articles/${TYPICAL.slug}`);
        const html = await r.text();
        if (!r.ok || !html.includes("La Chine nie")) throw new Error(`the typical article answered ${r.status}`);
        writeFileSync(htmlFile, html);
        // The headers a cached copy is sent with (asked again: the first answer may have been the
        // render), less the hop-by-hop ones and the length, which Node sets.
        const sent = await fetch(`${running.origin}/articles/${TYPICAL.slug}`);
        await sent.arrayBuffer();
        const own = ["connection", "keep-alive", "date", "content-length", "transfer-encoding", "content-encoding"];
        writeFileSync(headersFile, JSON.stringify(Object.fromEntries([...sent.headers].filter(([k]) => !own.includes(k)))));
        await articleLoad(running, htmlFile, headersFile);
      },
      "article",
    );
    await step(
      `unknown query strings on ${engine}`,
      async () => {
        // Every request a new ?utm_source=…: the page cache keys on the canonical URL, so these stay hits.
        // The hot article is asked for first, twice (entries also expire after PAGE_CACHE_TTL_SECONDS):
        // a hit before and a hit after says the flood did not push it out.
        const article = `${running.origin}/articles/${TYPICAL.slug}`;
        await (await fetch(article)).arrayBuffer();
        if ((await fetch(article)).headers.get("x-newsroom-cache") !== "hit") throw new Error("the hot article is not cached before the flood");
        const p = await loadPoint(
          driver,
          "app",
          running.origin.replace("localhost", "127.0.0.1") + "/",
          50,
          SECONDS,
          running.listenerPid,
          undefined,
          randomQuery("/?utm_source="),
        );
        const hot = await fetch(article);
        results.junkQuery.push({ engine, point: p, hotArticleStillCached: hot.headers.get("x-newsroom-cache") === "hit" });
        log(
          `  /?utm_source=<random>: ${p.rps.toFixed(0)} req/s, p99 ${p.p99Ms.toFixed(1)} ms; hot article still a hit: ${hot.headers.get("x-newsroom-cache")}`,
        );
      },
      "article",
    );
    if (!results.weights.length)
      await step(
        "page weights",
        async () => {
          pages = await pageTypes(running.origin);
          results.weights = await pageWeights(running.origin, pages);
          for (const w of results.weights)
            log(
              `  ${w.name}: JS ${w.jsFiles} files ${(w.jsRaw / 1024).toFixed(0)} KB raw, ${(w.jsGzip / 1024).toFixed(0)} KB gzip; total ${(w.totalGzip / 1024).toFixed(0)} KB gzip`,
            );
        },
        "weights",
      );
    if (!results.lighthouse.length)
      await step(
        "Lighthouse (phone, throttled)",
        async () => {
          if (!pages.length) pages = await pageTypes(running.origin);
          const wanted = ["front page", "article", "author", "tag", "search"];
          results.lighthouse = await benchLighthouse(
            running.origin,
            pages.filter((p) => wanted.includes(p.name)),
            log,
          );
        },
        "lighthouse",
      );
    await step(
      `publish-to-visible on ${engine}`,
      async () => {
        const result = await benchPublish(browser, running.origin, 5);
        results.publish.push({ engine, result });
        log(`  visible after p50 ${result.p50Ms.toFixed(0)} ms, max ${result.maxMs.toFixed(0)} ms`);
      },
      "publish",
    );
    await step(
      `editor on ${engine}`,
      async () => {
        const result = await benchEditor(browser, running.origin, { words: 10_000, bursts: 25, perBurst: 8 });
        results.editor.push({ engine, result });
        log(
          `  keystroke p95 ${result.domP95Ms.toFixed(1)} ms, ${result.autosaves ? `autosave p95 ${result.autosaveP95Ms.toFixed(0)} ms` : "no autosave (live body)"}`,
        );
      },
      "editor",
    );
    if (engine === "postgres") {
      await step(
        "co-editing on PostgreSQL",
        async () => {
          const r = await benchCollab(browser, { origin: running.origin, databaseUrl: running.databaseUrl!, pid: running.listenerPid, secret: AUTH_SECRET });
          results.collab = r;
          log(
            `  remote keystroke page→page p95 ${r.remote.pageToPage.p95Ms.toFixed(0)} ms, Yjs→page p95 ${r.remote.yjsToPage.p95Ms.toFixed(0)} ms, ` +
              `local p95 ${r.local.domP95Ms.toFixed(1)} ms, ${r.cpuMsPer1000Updates.toFixed(0)} ms CPU/1,000 updates; ` +
              `${r.many.documents} documents: ${r.many.mbPerDocument >= 0 ? `${r.many.mbPerDocument.toFixed(2)} MB each` : "memory not measurable (RSS fell)"}, sync p95 ${r.many.sync.p95Ms.toFixed(0)} ms, ${r.many.converged} converged, ${r.many.stored} stored`,
          );
        },
        "collab",
      );
      await step(
        "scale on PostgreSQL",
        async () => {
          results.scale = await benchScale({
            origin: running.origin,
            databaseUrl: running.databaseUrl!,
            articles: ARTICLES,
            revisionsPerArticle: 4,
            iterations: 30,
          });
          log(`  seeded in ${results.scale.seedSeconds.toFixed(0)} s`);
        },
        "scale",
      );
    }
  } finally {
    await running.stop();
  }
  await step(
    `uncached renders on ${engine}`,
    async () => {
      const profDir = path.join(LOG_DIR, `prof-${engine}`);
      rmSync(profDir, { recursive: true, force: true });
      const hook = pathToFileURL(path.resolve("scripts/bench/cpu-profile-hook.mjs")).href;
      const bare = await startApp({
        engine,
        port: PORT + 4,
        distDir: DIST,
        pgAdminUrl: PG_URL,
        env: { PAGE_CACHE_MB: "0", BENCH_PROFILE_DIR: profDir, NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ""} --import=${hook}`.trim() },
      });
      const db = backendPids(bare.databaseUrl);
      let floor: FloorServer | undefined;
      try {
        pinServer(driver, bare.listenerPid);
        // Next alone, measured beside each page type (scripts/bench/floor.ts); the table goes on without it if it cannot start.
        const seconds = Math.max(3, Math.round(SECONDS / 2));
        floor = await startFloor(driver, PORT + 6, seconds, log).catch((error: unknown) => {
          results.errors.push(`the framework's floor: ${error instanceof Error ? error.message : String(error)}`);
          return undefined;
        });
        const list = pages.length ? pages : await pageTypes(bare.origin);
        const points = await uncachedRenders(driver, bare.origin, bare.listenerPid, list, seconds, db?.read, profDir, floor);
        results.uncached.push({ engine, points });
        if (floor && !results.floor?.length) results.floor = await benchFloor(driver, floor, seconds, log);
        for (const p of points)
          log(
            `  ${p.name}: ${p.cpuMsPerRequest.toFixed(1)} ms server CPU/req${p.floorCpuMsPerRequest === undefined ? "" : ` (Next alone ${p.floorCpuMsPerRequest.toFixed(1)} ms)`}, ${p.rps.toFixed(0)} req/s at c=1; ` +
              (p.profile?.parts
                .slice(0, 3)
                .map((x) => `${(100 * x.share).toFixed(0)} % ${x.part}`)
                .join(", ") ?? "no profile"),
          );
      } finally {
        await floor?.stop();
        await db?.end();
        await bare.stop();
      }
    },
    "uncached",
  );
}
await browser.close();

results.meta.loadAfter = os.loadavg();
results.meta.totalSeconds = (performance.now() - started) / 1000;
// `--only collab`: the co-editing section of the last full table is replaced (or added), the rest kept.
if (ONLY.size === 1 && ONLY.has("collab") && !process.env.BENCH_ENGINES) {
  const mdPath = path.join(RESULTS, "latest.md");
  const jsonPath = path.join(RESULTS, "latest.json");
  const section = renderCollab(results);
  let md = existsSync(mdPath) ? readFileSync(mdPath, "utf8") : "";
  const start = md.indexOf(COLLAB_HEADING);
  if (start >= 0) {
    const end = md.indexOf("\n## ", start + 1);
    md = md.slice(0, start) + section + (end >= 0 ? md.slice(end + 1) : "");
  } else {
    const targets = md.indexOf("## Targets");
    md = targets >= 0 ? md.slice(0, targets) + section + md.slice(targets) : `${md}\n${section}`;
  }
  writeFileSync(mdPath, md);
  const json = existsSync(jsonPath) ? (JSON.parse(readFileSync(jsonPath, "utf8")) as Record<string, unknown>) : {};
  writeFileSync(jsonPath, JSON.stringify({ ...json, collab: results.collab, collabMeta: results.meta, collabErrors: results.errors }, null, 2));
  console.log(`\n${section}`);
  log("wrote the co-editing section into bench/results/latest.md and latest.json");
  process.exit(results.errors.length ? 1 : 0);
}
const md = renderMarkdown(results);
// A partial run (--only / BENCH_ONLY / BENCH_ENGINES) must not pass for the full table.
const name = ONLY_LIST || process.env.BENCH_ENGINES ? "partial" : "latest";
const [mdFile, jsonFile] = name === "latest" ? ["latest.md", "latest.json"] : ["partial.md.tmp", "partial.json.tmp"];
writeFileSync(path.join(RESULTS, mdFile), md);
writeFileSync(path.join(RESULTS, jsonFile), JSON.stringify(results, null, 2));
console.log(`\n${md}`);
log(`wrote bench/results/${mdFile} and ${jsonFile}`);
process.exit(broken || results.errors.some((e) => !e.startsWith("PostgreSQL at")) ? 1 : 0);
