/**
 * The framework's floor: what Next.js itself costs to render a page on this machine, in the same
 * run as Newsroom's uncached renders. scripts/bench/floor-app/ is the smallest App Router app (a
 * root layout and two pages rendered on every request, no database, no dictionary, no page
 * cache, no server of ours): built with `next build` into its own folder and started with
 * `next start`, then measured exactly as the uncached renders are (one connection, warmed up,
 * CPU of the listening process from /proc).
 */
import { spawn, spawnSync } from "node:child_process";
import { closeSync, openSync, writeFileSync } from "node:fs";
import path from "node:path";

import { loadPoint, pinServer, warmUp, type Driver } from "./load";
import { findListener, LOG_DIR, sleep } from "./server";

export type FloorPoint = { name: string; path: string; htmlBytes: number; rps: number; p50Ms: number; cpuMsPerRequest: number; errors: number };

const APP = path.join(process.cwd(), "scripts", "bench", "floor-app");

export const FLOOR_PAGES = [
  { name: "a page of one heading", path: "/hello" },
  { name: "an article-sized page, from constants", path: "/article" },
];

export type FloorServer = { origin: string; pid: number; stop: () => Promise<void> };

/** Builds the floor app (once a run) and starts it with `next start`, pinned like the servers under test, and warms it up. */
export async function startFloor(driver: Driver, port: number, seconds: number, log: (msg: string) => void): Promise<FloorServer> {
  const next = path.join(process.cwd(), "node_modules", ".bin", "next");
  // The app's own environment: none of Newsroom's build settings (NEXT_DIST_DIR…) apply to it.
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME, NEXT_TELEMETRY_DISABLED: "1", NODE_ENV: "production" };
  if (!built) {
    const b = spawnSync(next, ["build"], { cwd: APP, env, encoding: "utf8", maxBuffer: 16 << 20 });
    writeFileSync(path.join(LOG_DIR, "floor-build.log"), `${b.stdout}\n${b.stderr}`);
    if (b.status !== 0) throw new Error(`next build of the floor app failed (log: ${path.join(LOG_DIR, "floor-build.log")})`);
    built = true;
    log("  floor app built");
  }
  const out = openSync(path.join(LOG_DIR, `floor-${port}.log`), "w");
  const child = spawn(next, ["start", "-p", String(port), "-H", "127.0.0.1"], { cwd: APP, env, detached: true, stdio: ["ignore", out, out] });
  closeSync(out);
  const stop = async () => {
    try {
      if (child.pid) process.kill(-child.pid, "SIGTERM");
    } catch {
      /* gone */
    }
    await sleep(300);
  };
  const origin = `http://127.0.0.1:${port}`;
  let up = false;
  for (let waited = 0; waited < 60_000 && !up; waited += 250) {
    try {
      up = (await fetch(`${origin}/hello`)).ok;
    } catch {
      await sleep(250);
    }
  }
  if (!up) {
    await stop();
    throw new Error(`the floor app did not answer on ${origin} within 60 s`);
  }
  const pid = findListener(port);
  pinServer(driver, pid);
  // Longer than a page's own warm-up: the first measurement of a freshly started floor came out
  // twice the later ones (9.6 and 10.6 ms against 3.9–6.9 in the same run).
  for (const page of FLOOR_PAGES) await warmUp(driver, origin + page.path, 2 * seconds);
  return { origin, pid, stop };
}
let built = false;

/** One floor page, warmed up then measured at one connection for `seconds`. */
export async function floorPoint(driver: Driver, floor: FloorServer, page: (typeof FLOOR_PAGES)[number], seconds: number): Promise<FloorPoint> {
  const url = floor.origin + page.path;
  const htmlBytes = Buffer.byteLength(await (await fetch(url)).text());
  await warmUp(driver, url, seconds);
  const p = await loadPoint(driver, page.name, url, 1, seconds, floor.pid);
  return { name: page.name, path: page.path, htmlBytes, rps: p.rps, p50Ms: p.p50Ms, cpuMsPerRequest: p.cpuMsPerRequest, errors: p.errors };
}

/** Both floor pages, one after the other. */
export async function benchFloor(driver: Driver, floor: FloorServer, seconds: number, log: (msg: string) => void): Promise<FloorPoint[]> {
  const points: FloorPoint[] = [];
  for (const page of FLOOR_PAGES) {
    const p = await floorPoint(driver, floor, page, seconds);
    points.push(p);
    log(`  floor, ${page.name}: ${p.cpuMsPerRequest.toFixed(1)} ms server CPU/req, ${p.rps.toFixed(0)} req/s at c=1`);
  }
  return points;
}
