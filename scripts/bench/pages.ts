/**
 * Public page types: which URLs stand for them, what each weighs on the wire (HTML, CSS, JS,
 * fonts; raw and gzip), and what a render costs when the page cache is off (PAGE_CACHE_MB=0):
 * server and database CPU per request, one request at a time.
 */
import { existsSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";

import { TYPICAL } from "../../e2e/fixtures";
import { FLOOR_PAGES, floorPoint, type FloorServer } from "./floor";
import { loadPoint, warmUp, type Driver } from "./load";
import { summariseProfile, type ProfileSummary } from "./profile";
import { sleep } from "./server";

export type PageType = { name: string; path: string };

export type PageWeight = {
  name: string;
  path: string;
  htmlRaw: number;
  htmlGzip: number;
  cssRaw: number;
  cssGzip: number;
  jsFiles: number;
  jsRaw: number;
  jsGzip: number;
  /** Bytes of inline <script> (the RSC payload Next inlines, JSON-LD excluded). */
  inlineJsRaw: number;
  fontRaw: number;
  /** HTML + CSS + JS gzipped, fonts as they are (woff2 is compressed already). */
  totalGzip: number;
};

export type UncachedPoint = {
  name: string;
  path: string;
  rps: number;
  p50Ms: number;
  cpuMsPerRequest: number;
  dbCpuMsPerRequest: number;
  errors: number;
  /**
   * Next.js alone rendering a page of one heading (scripts/bench/floor.ts), measured right after
   * this page type in the same way: on a shared machine, minutes apart are not comparable.
   */
  floorCpuMsPerRequest?: number;
  /** The V8 CPU profile of this page type's renders (cpu-profile-hook.mjs), summarised. */
  profile: ProfileSummary | null;
};

/** The page types, found from the front page and the typical article's links. */
export async function pageTypes(origin: string): Promise<PageType[]> {
  const article = `/articles/${TYPICAL.slug}`;
  const html = await (await fetch(origin + article)).text();
  const first = (prefix: string) => new RegExp(`href="(/${prefix}/[^"/?#]+)"`).exec(html)?.[1];
  const pages: PageType[] = [
    { name: "front page", path: "/" },
    { name: "article", path: article },
  ];
  for (const [name, prefix] of [
    ["author", "authors"],
    ["tag", "tags"],
    ["section", "sections"],
  ] as const) {
    const p = first(prefix);
    if (p) pages.push({ name, path: p });
  }
  pages.push({ name: "search", path: "/search?q=chine" });
  return pages;
}

const gz = (b: Buffer | string) => gzipSync(b).length;

/** What a first visit downloads for each page (as a browser with an empty cache would, assets deduplicated per page). */
export async function pageWeights(origin: string, pages: PageType[]): Promise<PageWeight[]> {
  const out: PageWeight[] = [];
  for (const page of pages) {
    const html = await (await fetch(origin + page.path)).text();
    const attr = (tag: string, name: string) => new RegExp(`\\s${name}="([^"]*)"`).exec(tag)?.[1];
    const scripts = new Set<string>();
    const styles = new Set<string>();
    const fonts = new Set<string>();
    let inline = 0;
    for (const m of html.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/g)) {
      const src = attr(m[0], "src");
      if (src) scripts.add(src);
      else if (!/type="application\/ld\+json"/.test(m[0])) inline += Buffer.byteLength(m[1]);
    }
    for (const m of html.matchAll(/<link\b[^>]*>/g)) {
      const rel = attr(m[0], "rel") ?? "";
      const href = attr(m[0], "href");
      if (!href) continue;
      if (rel === "stylesheet") styles.add(href);
      else if (rel === "modulepreload" || (rel === "preload" && attr(m[0], "as") === "script")) scripts.add(href);
      else if (rel === "preload" && attr(m[0], "as") === "font") fonts.add(href);
    }
    const fetchAll = async (urls: Set<string>) =>
      Promise.all([...urls].map(async (u) => Buffer.from(await (await fetch(new URL(u.replace(/&amp;/g, "&"), origin))).arrayBuffer())));
    const [js, css, font] = await Promise.all([fetchAll(scripts), fetchAll(styles), fetchAll(fonts)]);
    const w = {
      name: page.name,
      path: page.path,
      htmlRaw: Buffer.byteLength(html),
      htmlGzip: gz(html),
      cssRaw: css.reduce((n, b) => n + b.length, 0),
      cssGzip: css.reduce((n, b) => n + gz(b), 0),
      jsFiles: js.length,
      jsRaw: js.reduce((n, b) => n + b.length, 0),
      jsGzip: js.reduce((n, b) => n + gz(b), 0),
      inlineJsRaw: inline,
      fontRaw: font.reduce((n, b) => n + b.length, 0),
      totalGzip: 0,
    };
    w.totalGzip = w.htmlGzip + w.cssGzip + w.jsGzip + w.fontRaw;
    out.push(w);
  }
  return out;
}

/**
 * Each page type rendered on every request (an app started with PAGE_CACHE_MB=0), one connection:
 * warmed up, measured, then profiled, `seconds` each.
 */
export async function uncachedRenders(
  driver: Driver,
  origin: string,
  pid: number,
  pages: PageType[],
  seconds: number,
  dbPids: (() => Promise<number[]>) | undefined,
  profileDir: string,
  floor?: FloorServer,
): Promise<UncachedPoint[]> {
  const out: UncachedPoint[] = [];
  for (const [i, page] of pages.entries()) {
    const url = `${origin.replace("localhost", "127.0.0.1")}${page.path}`;
    // Renders first, unmeasured: the first of each route loads its code, and the next thousand or
    // so are what V8 needs to optimise it (a page measured after three renders cost half as much
    // again as after a thousand).
    await warmUp(driver, url, seconds);
    // Measured without the profiler, which costs CPU of its own; then profiled on its own.
    const p = await loadPoint(driver, page.name, url, 1, seconds, pid, dbPids);
    const least = floor ? await floorPoint(driver, floor, FLOOR_PAGES[0], seconds) : undefined;
    process.kill(pid, "SIGUSR2"); // profiler on (cpu-profile-hook.mjs)
    const started = path.join(profileDir, `${i + 1}.started`);
    for (let waited = 0; !existsSync(started) && waited < 10_000; waited += 50) await sleep(50);
    await sleep(200);
    await loadPoint(driver, page.name, url, 1, seconds, pid, undefined);
    process.kill(pid, "SIGUSR2"); // off, written as <i + 1>.cpuprofile
    const file = path.join(profileDir, `${i + 1}.cpuprofile`);
    for (let waited = 0; !existsSync(file) && waited < 10_000; waited += 100) await sleep(100);
    out.push({
      name: page.name,
      path: page.path,
      rps: p.rps,
      p50Ms: p.p50Ms,
      cpuMsPerRequest: p.cpuMsPerRequest,
      dbCpuMsPerRequest: p.dbCpuMsPerRequest,
      errors: p.errors,
      floorCpuMsPerRequest: least?.cpuMsPerRequest,
      profile: existsSync(file) ? summariseProfile(file) : null,
    });
  }
  return out;
}
