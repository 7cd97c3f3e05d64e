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

export async function benchFloor(driver: Driver, port: number, seconds: number, log: (msg: string) => void): Promise<FloorPoint[]> {
  const next = path.join(process.cwd(), "node_modules", ".bin", "next");
  // The app's own environment: none of Newsroom's build settings (NEXT_DIST_DIR…) apply to it.
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME, NEXT_TELEMETRY_DISABLED: "1", NODE_ENV: "production" };
  const b = spawnSync(next, ["build"], { cwd: APP, env, encoding: "utf8", maxBuffer: 16 << 20 });
  writeFileSync(path.join(LOG_DIR, "floor-build.log"), `${b.stdout}\n${b.stderr}`);
  if (b.status !== 0) throw new Error(`next build of the floor app failed (log: ${path.join(LOG_DIR, "floor-build.log")})`);
  log("  floor app built");
  const out = openSync(path.join(LOG_DIR, `floor-${port}.log`), "w");
  const child = spawn(next, ["start", "-p", String(port), "-H", "127.0.0.1"], { cwd: APP, env, detached: true, stdio: ["ignore", out, out] });
  closeSync(out);
  const stop = () => {
    try {
      if (child.pid) process.kill(-child.pid, "SIGTERM");
    } catch {
      /* gone */
    }
  };
  try {
    const origin = `http://127.0.0.1:${port}`;
    let up = false;
    for (let waited = 0; waited < 60_000 && !up; waited += 250) {
      try {
        up = (await fetch(`${origin}/hello`)).ok;
      } catch {
        await sleep(250);
      }
    }
    if (!up) throw new Error(`the floor app did not answer on ${origin} within 60 s`);
    const pid = findListener(port);
    pinServer(driver, pid);
    const points: FloorPoint[] = [];
    for (const page of FLOOR_PAGES) {
      const url = origin + page.path;
      const htmlBytes = Buffer.byteLength(await (await fetch(url)).text());
      await warmUp(driver, url, seconds);
      const p = await loadPoint(driver, page.name, url, 1, seconds, pid);
      points.push({ name: page.name, path: page.path, htmlBytes, rps: p.rps, p50Ms: p.p50Ms, cpuMsPerRequest: p.cpuMsPerRequest, errors: p.errors });
      log(`  floor, ${page.name}: ${p.cpuMsPerRequest.toFixed(1)} ms server CPU/req, ${p.rps.toFixed(0)} req/s at c=1`);
    }
    return points;
  } finally {
    stop();
    await sleep(300);
  }
}
