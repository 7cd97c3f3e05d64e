/**
 * The round trip, served: the demo newsroom (plus the WordPress fixture, for non-ASCII slugs, nested
 * sections and legacy addresses) is exported with `npm run export -- --format json`, imported with
 * `npm run import -- newsroom FILE.json` into an empty database, and both databases are served by
 * two servers of the same build. Every public address found by crawling the first (front page,
 * articles, authors, tags, sections, feeds, sitemaps, search, uploaded images, old WordPress
 * addresses) must answer the same status, type and bytes on the second, after removing only what
 * is per request or per server: the CSP nonce and the server's own origin (port).
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import sharp from "sharp";

import { dropDatabase, freshDatabase, prepare, startServer, type Server, type Target } from "../scripts/stress/harness";
import { freePort } from "../testing/extra-instance";
import { expect, test } from "./fixtures";

// Two databases prepared, three CLI runs and two servers: minutes on a loaded machine.
test.describe.configure({ mode: "serial", timeout: 1_200_000 });

const engine = process.env.E2E_PG_URL ? "postgres" : "pglite";
const FIXTURE = path.join(process.cwd(), "lib", "import", "fixtures", "wordpress-6.xml");
// Made in beforeAll (the runner also loads this file to list the tests).
let work = "";
const uploads = { source: "", copy: "" };
let source: Target | undefined;
let copy: Target | undefined;
const servers: { source?: Server; copy?: Server } = {};

/** One of our CLI scripts (npm run import/export) against a target's database; its output, or a thrown error. */
function cli(t: Target, script: string, args: string[], uploadsDir: string): string {
  const env: NodeJS.ProcessEnv = { ...process.env, ...t.env, UPLOADS_DIR: uploadsDir, NEXT_TELEMETRY_DISABLED: "1" };
  if (!t.env.DATABASE_URL) delete env.DATABASE_URL;
  if (!t.env.PGLITE_DIR) delete env.PGLITE_DIR;
  const r = spawnSync(path.join("node_modules", ".bin", "tsx"), ["--conditions=react-server", script, ...args], { env, encoding: "utf8" });
  const output = `${r.stdout}\n${r.stderr}`;
  if (r.status !== 0) throw new Error(`${script} ${args.join(" ")} exited ${r.status}:\n${output}`);
  return output;
}

test.beforeAll(async () => {
  test.setTimeout(1_200_000);
  work = mkdtempSync(path.join(os.tmpdir(), "newsroom-roundtrip-"));
  const exportFile = path.join(work, "export.json");
  uploads.source = path.join(work, "uploads-source");
  uploads.copy = path.join(work, "uploads-copy");
  const [portA, portB] = [await freePort(), await freePort()];
  source = await freshDatabase(engine, portA, "e2e_rt_source");
  prepare(source);
  // The fixture's photo in a wp-content/uploads folder: it goes through the upload pipeline (renditions and all).
  const wpUploads = path.join(work, "wp-content", "uploads");
  mkdirSync(path.join(wpUploads, "2024", "03"), { recursive: true });
  const photo = await sharp({ create: { width: 640, height: 427, channels: 3, background: "#468" } })
    .jpeg()
    .toBuffer();
  for (const name of ["grue-quai.jpg", "grue-quai-1024x683.jpg"]) writeFileSync(path.join(wpUploads, "2024", "03", name), photo);
  cli(source, "scripts/import.ts", ["wordpress", FIXTURE, "--uploads", wpUploads], uploads.source);
  cli(source, "scripts/export.ts", ["--format", "json", "--out", exportFile], uploads.source);

  copy = await freshDatabase(engine, portB, "e2e_rt_copy");
  copy.env.SEED_DEMO = "0";
  prepare(copy);
  cli(copy, "scripts/import.ts", ["newsroom", exportFile], uploads.copy);

  // One after the other (two servers starting at once on this machine is only slower).
  servers.source = await startServer(source, { UPLOADS_DIR: uploads.source });
  servers.copy = await startServer(copy, { UPLOADS_DIR: uploads.copy });
});

test.afterAll(async () => {
  await Promise.all([servers.source?.kill("SIGKILL"), servers.copy?.kill("SIGKILL")]);
  if (source) await dropDatabase(source);
  if (copy) await dropDatabase(copy);
  if (work) rmSync(work, { recursive: true, force: true });
});

type Page = { status: number; type: string; location: string; body: Buffer; nonce?: string };

async function get(base: string, address: string): Promise<Page> {
  const r = await fetch(`${base}${address}`, { redirect: "manual", headers: { "accept-encoding": "identity" } });
  return {
    status: r.status,
    type: r.headers.get("content-type") ?? "",
    location: (r.headers.get("location") ?? "").replace(base, ""),
    body: Buffer.from(await r.arrayBuffer()),
    ...nonceOf(r.headers.get("content-security-policy")),
  };
}

function nonceOf(csp: string | null): { nonce?: string } {
  const nonce = /'nonce-([^']+)'/.exec(csp ?? "")?.[1];
  return nonce ? { nonce } : {};
}

/**
 * The bytes, minus what is per request (the CSP nonce), per server (its origin, which holds its
 * port, also URL-encoded as in the share links) or per process: React's flight payload inlined for
 * hydration (`self.__next_f.push(…)` scripts), whose rows are numbered in the order this process
 * first loaded the client modules, and cut into as many scripts as the stream happened to flush
 * (so a run of them counts as one). The HTML around them, which holds the same content, is compared.
 */
function normalise(page: Page, base: string): Buffer {
  if (!/^(text\/|application\/(xml|rss\+xml|atom\+xml|json|feed\+json|manifest\+json))/.test(page.type)) return page.body;
  let text = page.body.toString("utf8");
  if (page.nonce) text = text.split(page.nonce).join("NONCE");
  text = text
    .replace(/<script[^>]*>self\.__next_f\.push\([\s\S]*?<\/script>/g, "<script>FLIGHT</script>")
    .replace(/(<script>FLIGHT<\/script>)+/g, "<script>FLIGHT</script>");
  const { host } = new URL(base);
  for (const [value, name] of [
    [base, "ORIGIN"],
    [encodeURIComponent(base), "ORIGIN"],
    [host, "HOST"],
    [encodeURIComponent(host), "HOST"],
  ])
    text = text.split(value).join(name);
  return Buffer.from(text);
}

const PUBLIC = /^\/(articles|authors|tags|sections|sitemaps|search|uploads|feed\.xml|sitemap\.xml|news-sitemap\.xml|robots\.txt)?/;
const SKIP = /^\/(newsroom|login|logout|setup|api|_next|preview|set-password)(\/|$|\?)/;

/** Public addresses named by a page: links, image sources (and srcset entries), sitemap and feed locations. */
function addressesIn(text: string, base: string): string[] {
  const found = new Set<string>();
  const add = (raw: string) => {
    let a = raw.replace(/&amp;/g, "&").trim();
    if (a.startsWith(base)) a = a.slice(base.length) || "/";
    if (!a.startsWith("/") || a.startsWith("//")) return;
    a = a.split("#")[0];
    if (SKIP.test(a) || !PUBLIC.test(a)) return;
    found.add(a);
  };
  for (const m of text.matchAll(/(?:href|src)="([^"]+)"/g)) add(m[1]);
  for (const m of text.matchAll(/srcset="([^"]+)"/g)) for (const part of m[1].split(",")) add(part.trim().split(/\s+/)[0]);
  for (const m of text.matchAll(/<(?:loc|link|id|image:loc)>([^<]+)</g)) add(m[1]);
  return [...found];
}

test("every public page of the imported copy is the source's page, byte for byte", async () => {
  const [a, b] = [servers.source!.base, servers.copy!.base];
  const start = ["/", "/feed.xml", "/sitemap.xml", "/news-sitemap.xml", "/robots.txt", "/search?q=Chine", "/search?q=été", "/sections", "/tags", "/authors"];
  // Old WordPress addresses of the fixture: redirects (legacy_redirects) travel with the export.
  const legacy = ["/?p=11", "/category/actualite/politique/", "/tag/%c3%a9conomie/"];
  const queue = [...start, ...legacy];
  const seen = new Set(queue);
  const kinds = new Map<string, number>();
  const differences: string[] = [];
  let compared = 0;
  while (queue.length && compared < 400) {
    const address = queue.shift()!;
    const [pa, pb] = [await get(a, address), await get(b, address)];
    compared++;
    const kind = address.split(/[/?]/)[1] || "front";
    kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
    const [na, nb] = [normalise(pa, a), normalise(pb, b)];
    if (pa.status !== pb.status || pa.type !== pb.type || pa.location !== pb.location || !na.equals(nb)) {
      const at = [...na].findIndex((byte, i) => byte !== nb[i]);
      differences.push(
        `${address}: ${pa.status} ${pa.type} ${pa.location} vs ${pb.status} ${pb.type} ${pb.location}; ` +
          `first difference at byte ${at}: «${na.subarray(Math.max(0, at - 80), at + 80).toString()}» vs «${nb.subarray(Math.max(0, at - 80), at + 80).toString()}»`,
      );
    }
    const next =
      pa.status >= 300 && pa.status < 400 && pa.location
        ? [pa.location]
        : pa.status === 200 && !pa.type.startsWith("image/")
          ? addressesIn(pa.body.toString("utf8"), a)
          : [];
    for (const n of next)
      if (!seen.has(n)) {
        seen.add(n);
        queue.push(n);
      }
  }
  test.info().annotations.push({ type: "compared", description: `${compared} addresses: ${[...kinds].map(([k, n]) => `${k} ${n}`).join(", ")}` });
  expect(differences, differences.slice(0, 5).join("\n\n")).toEqual([]);
  // The crawl really reached every kind of public page, and the legacy addresses redirected.
  for (const kind of ["front", "articles", "authors", "tags", "sections", "search", "feed.xml", "sitemap.xml", "uploads"])
    expect(kinds.get(kind) ?? 0, `pages of kind ${kind}`).toBeGreaterThan(0);
  // The demo newsroom and the fixture publish six articles reachable from the public pages.
  expect(kinds.get("articles")!).toBeGreaterThanOrEqual(5);
  expect((await get(a, "/?p=11")).status).toBe(308);
});
