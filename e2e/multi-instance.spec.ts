/**
 * Two instances of one build (server/serve.mjs on .next-e2e) behind an imaginary load balancer,
 * sharing one PostgreSQL database and one S3-compatible store (s3rver on 127.0.0.1). Nothing may
 * depend on which instance a request reaches: sessions, uploads, published pages, the scheduler,
 * and a rolling restart of one instance while the other carries the work.
 */
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";
import sharp from "sharp";

import { actionId, dropDatabase, freshDatabase, prepare, signIn, sleep, startServer, type Server, type Target } from "../scripts/stress/harness";
import { HttpEditor } from "../scripts/stress/http-editor";
import { startS3, type TestS3 } from "../testing/s3";
import { ACCOUNTS, DRAFT_SLUG, expect, test } from "./fixtures";
import { label } from "./pages/i18n";

// PGlite admits one process per data folder: two instances need a database server.
test.skip(!process.env.E2E_PG_URL, "several instances share one PostgreSQL database; the embedded PGlite admits a single process");
test.describe.configure({ mode: "serial", timeout: 180_000 });

/** A port the system has just handed out (port 0), for an instance started by this spec. */
async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

let s3: TestS3;
let db: Target;
let sql: postgres.Sql;
const targets: { A?: Target; B?: Target } = {};
const servers: { A?: Server; B?: Server } = {};
const uploadDirs: string[] = [];
let editorCookie = "";

/** Each instance has its own local uploads folder: only a shared store lets B serve what A stored. */
function instanceEnv(): Record<string, string> {
  const dir = mkdtempSync(path.join(os.tmpdir(), "newsroom-instance-uploads-"));
  uploadDirs.push(dir);
  return { ...s3.env, UPLOADS_DIR: dir, JOBS_INTERVAL_MS: "200", E2E_TEST_HOOKS: "1", TRUST_PROXY: "loopback" };
}
const envs: { A?: Record<string, string>; B?: Record<string, string> } = {};
const A = () => servers.A!.base;
const B = () => servers.B!.base;

async function hook(base: string, body: Record<string, unknown>, cookie?: string, name = "articles") {
  const r = await fetch(`${base}/api/test-hooks/${name}`, {
    method: "POST",
    headers: { "content-type": "application/json", ...(cookie ? { cookie } : {}) },
    body: JSON.stringify(body),
  });
  expect(r.status, `${name} ${JSON.stringify(body)} on ${base}: ${await r.clone().text()}`).toBe(200);
  return r.json() as Promise<{ ok: boolean; slug?: string }>;
}

/** The editor's image upload (the real server action, as the browser sends a FormData) through A; the raw answer. */
async function uploadOnA(image: Buffer): Promise<string> {
  const form = new FormData();
  form.append("_1_file", new File([new Uint8Array(image)], "photo.png", { type: "image/png" }));
  form.append("0", JSON.stringify(["$K1"]));
  const r = await fetch(`${A()}/newsroom`, {
    method: "POST",
    headers: { "next-action": actionId("uploadImageAction"), accept: "text/x-component", origin: A(), cookie: editorCookie },
    body: form,
  });
  return r.text();
}

test.beforeAll(async () => {
  test.setTimeout(300_000);
  s3 = await startS3();
  const [portA, portB] = [await freePort(), await freePort()];
  db = await freshDatabase("postgres", portA, "e2e_multi");
  prepare(db);
  targets.A = { ...db, port: portA };
  targets.B = { ...db, port: portB };
  envs.A = instanceEnv();
  envs.B = instanceEnv();
  // Started one after the other: both would migrate the same database at once otherwise (prepare did it already).
  servers.A = await startServer(targets.A, envs.A);
  servers.B = await startServer(targets.B, envs.B);
  sql = postgres(db.databaseUrl!, { max: 2, onnotice: () => {} });
  editorCookie = await signIn(A(), ACCOUNTS.editor.email, ACCOUNTS.editor.password);
});

test.afterAll(async () => {
  await Promise.all([servers.A?.kill("SIGKILL"), servers.B?.kill("SIGKILL")]);
  await sql?.end({ timeout: 5 });
  if (db) await dropDatabase(db);
  await s3?.stop();
  for (const dir of uploadDirs) rmSync(dir, { recursive: true, force: true });
});

test("a session made on A works on B, and B refuses a request without it", async () => {
  const onB = await fetch(`${B()}/newsroom`, { headers: { cookie: editorCookie }, redirect: "manual" });
  expect(onB.status).toBe(200);
  expect(await onB.text()).toContain(ACCOUNTS.editor.name);
  const anonymous = await fetch(`${B()}/newsroom`, { redirect: "manual" });
  expect(anonymous.status).toBe(307);
  expect(anonymous.headers.get("location")).toContain("/login");
});

test("an image uploaded on A (server action) is served by B, byte for byte, from the shared store", async () => {
  const png = await sharp({ create: { width: 64, height: 48, channels: 3, background: "#2a6" } })
    .png()
    .toBuffer();
  const text = await uploadOnA(png);
  const url = /\/uploads\/[a-z0-9-]+\.webp/.exec(text)?.[0];
  expect(url, text.slice(0, 500)).toBeTruthy();
  const fromA = await fetch(`${A()}${url}`);
  const fromB = await fetch(`${B()}${url}`);
  expect(fromB.status).toBe(200);
  expect(fromB.headers.get("content-type")).toBe("image/webp");
  const [a, b] = [Buffer.from(await fromA.arrayBuffer()), Buffer.from(await fromB.arrayBuffer())];
  expect(b.equals(a)).toBe(true);
  expect((await sharp(b).metadata()).width).toBe(64);
  const [row] = await sql<{ n: number }[]>`select count(*)::int as n from media where path = ${url!}`;
  expect(row.n).toBe(1);
  // Nothing went to either instance's own disk.
  for (const dir of uploadDirs) expect(readdirSync(dir)).toEqual([]);
});

test("an article published on A is on B's very next request, home page included", async () => {
  const slug = `multi-instance-${Date.now().toString(36)}`;
  const headline = `Publié sur A, lu sur B ${slug}`;
  await hook(A(), { action: "create", slug, value: headline, state: "approved" });
  // B renders (and caches) its home page and answers 404 for the article before publication.
  expect(await (await fetch(`${B()}/`)).text()).not.toContain(headline);
  expect((await fetch(`${B()}/articles/${slug}`)).status).toBe(404);
  await hook(A(), { action: "publish", slug });
  const article = await fetch(`${B()}/articles/${slug}`);
  expect(article.status).toBe(200);
  expect(await article.text()).toContain(headline);
  expect(await (await fetch(`${B()}/`)).text()).toContain(headline);
});

test("both instances run the scheduler; each due article is published exactly once", async () => {
  const slugs = Array.from({ length: 8 }, (_, i) => `multi-scheduled-${Date.now().toString(36)}-${i}`);
  for (const slug of slugs) await hook(A(), { action: "create", slug, value: `Programmé ${slug}`, state: "scheduled" });
  const ids = (await sql<{ id: string }[]>`select id from articles where slug = any(${slugs})`).map((r) => r.id);
  expect(ids).toHaveLength(slugs.length);
  // All fall due at once, half through each instance: both runners (every 200 ms) race for them.
  await Promise.all(ids.map((articleId, i) => hook(i % 2 ? B() : A(), { articleId, minutesAgo: 5 }, editorCookie, "backdate-schedule")));
  await expect
    .poll(async () => (await sql<{ n: number }[]>`select count(*)::int as n from articles where id = any(${ids}) and status = 'published'`)[0].n, {
      timeout: 30_000,
    })
    .toBe(ids.length);
  await sleep(1_000); // a second publication, were there one, would come within a few runner ticks
  const published = await sql<{ article_id: string; n: number }[]>`
    select article_id, count(*)::int as n from events
    where type = 'article.transition' and data->>'action' = 'publish_scheduled' and article_id = any(${ids})
    group by article_id`;
  expect(published.map((p) => p.n)).toEqual(ids.map(() => 1));
  // Who published what, from the servers' own log lines (for the report; the count above is the proof).
  const byLogs = (s: Server) => s.log.map((line) => /published (\d+) article/.exec(line)?.[1]).reduce((sum, n) => sum + Number(n ?? 0), 0);
  test.info().annotations.push({ type: "scheduled publications", description: `A ${byLogs(servers.A!)}, B ${byLogs(servers.B!)}` });
  for (const slug of slugs) expect((await fetch(`${B()}/articles/${slug}`)).status).toBe(200);
});

test("a rolling restart of A while readers and editors work through B loses nothing", async () => {
  const stamp = Date.now().toString(36);
  const failures: string[] = [];
  const written: string[] = [];
  let reads = 0;
  let stop = false;
  // Two readers and a desk page, over and over.
  const reader = async () => {
    while (!stop) {
      const latest = written.at(-1);
      for (const p of latest ? ["/", `/articles/${latest}`] : ["/"]) {
        const r = await fetch(`${B()}${p}`).catch((e: Error) => ({ status: 0, statusText: e.message }));
        reads++;
        if (r.status !== 200) failures.push(`read ${p}: ${r.status}`);
      }
      const desk = await fetch(`${B()}/newsroom`, { headers: { cookie: editorCookie }, redirect: "manual" }).catch(() => ({ status: 0 }));
      if (desk.status !== 200) failures.push(`newsroom on B: ${desk.status}`);
    }
  };
  const readers = Promise.all([reader(), reader()]);
  // A desk editor publishes new articles (through the workflow) and keeps saving a draft (the
  // real save action, with the session made on A), all through B.
  const publishing = (async () => {
    for (let i = 0; !stop; i++) {
      const slug = `multi-rolling-${stamp}-${i}`;
      const r = await fetch(`${B()}/api/test-hooks/articles`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ action: "create", slug, value: `Pendant le redémarrage ${i}` }),
      }).catch((e: Error) => ({ status: 0, statusText: e.message }));
      if (r.status === 200) written.push(slug);
      else failures.push(`write ${slug}: ${r.status}`);
    }
  })();
  const [draft] = await sql<{ id: string }[]>`select id from articles where slug = ${DRAFT_SLUG}`;
  const editor = new HttpEditor(B(), editorCookie);
  let lastSaved = "";
  let saves = 0;
  const saving = (async () => {
    for (let i = 0; !stop; i++) {
      const text = `Brouillon enregistré par B pendant le redémarrage de A, n° ${i}.`;
      const seen = await editor.workingCopy(draft.id);
      const answer = seen ? await editor.saveText(draft.id, seen.version, text) : null;
      if (answer?.kind !== "ack") {
        failures.push(`save ${i}: ${JSON.stringify(answer)}`);
        break;
      }
      lastSaved = text;
      saves++;
    }
  })();

  await sleep(1_000);
  // The restart: A is stopped the way an orchestrator does it (SIGTERM), then started again from the same build.
  await servers.A!.kill("SIGTERM");
  expect(servers.A!.proc.exitCode ?? servers.A!.proc.signalCode).not.toBeNull();
  const whileDown = written.length;
  servers.A = await startServer(targets.A!, envs.A);
  await sleep(1_000);
  stop = true;
  await Promise.all([readers, publishing, saving]);

  expect(failures).toEqual([]);
  expect(reads).toBeGreaterThan(10);
  expect(saves).toBeGreaterThan(3);
  test.info().annotations.push({ type: "work through B during the restart", description: `${reads} reads, ${written.length} publications, ${saves} saves` });
  expect(written.length).toBeGreaterThan(whileDown);
  // Everything written through B while A restarted is in the database and on the restarted A, to
  // the same session (the session survives the restart: nothing of it lived in A's memory).
  const rows = await sql<{ slug: string }[]>`select slug from articles where slug = any(${written}) and status = 'published'`;
  expect(rows.map((r) => r.slug).sort()).toEqual([...written].sort());
  for (const slug of written) expect((await fetch(`${A()}/articles/${slug}`)).status, slug).toBe(200);
  expect((await fetch(`${A()}/newsroom`, { headers: { cookie: editorCookie }, redirect: "manual" })).status).toBe(200);
  expect((await new HttpEditor(A(), editorCookie).workingCopy(draft.id))?.text).toContain(lastSaved);
});

// Last: it stops the shared store.
test("with the store down, an upload is refused with a clear message and leaves no row; images answer 503, not 404", async () => {
  const [{ url }] = await sql<{ url: string }[]>`select path as url from media order by created_at desc limit 1`;
  const before = await sql`select id from media`;
  await s3.stop();
  const png = await sharp({ create: { width: 20, height: 20, channels: 3, background: "#a22" } })
    .png()
    .toBuffer();
  const started = Date.now();
  const text = await uploadOnA(png);
  // The editor of this fresh newsroom has chosen no language: the answer is in the site language, French.
  expect(text).toContain(label("fr", "editor.image.upload.storage"));
  expect(Date.now() - started).toBeLessThan(15_000);
  expect(await sql`select id from media`).toEqual(before);
  const image = await fetch(`${B()}${url}`);
  expect(image.status).toBe(503);
  expect(image.headers.get("cache-control")).toBe("no-store");
  expect(servers.A!.log.join("\n")).toMatch(
    /Uploads storage is unavailable: bucket newsroom-uploads at http:\/\/127\.0\.0\.1:\d+ cannot be reached \(ECONNREFUSED\)/,
  );
});
