/**
 * Starts the production app for the bench through scripts/e2e-server.mjs (fresh database seeded
 * with the demo newsroom, then `server/serve.mjs`) in its own process group, and finds the
 * process that listens on the port so its memory can be sampled.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { closeSync, mkdirSync, openSync, readFileSync } from "node:fs";
import path from "node:path";

export type AppServer = {
  engine: "pglite" | "postgres";
  port: number;
  /** http://localhost:PORT (Auth.js cookies are issued for localhost). */
  origin: string;
  /** The app's own PostgreSQL database (postgres engine only). */
  databaseUrl?: string;
  listenerPid: number;
  stop: () => Promise<void>;
};

export const LOG_DIR = path.join(process.cwd(), ".tmp", "bench");

export async function startApp(o: {
  engine: "pglite" | "postgres";
  port: number;
  distDir: string;
  pgAdminUrl: string;
  env?: Record<string, string>;
}): Promise<AppServer> {
  mkdirSync(LOG_DIR, { recursive: true });
  // LOG_LEVEL: the production default (info, a JSON line per request), not the test suites' warn:
  // the line is part of what a request costs.
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    LOG_LEVEL: process.env.LOG_LEVEL ?? "info",
    ...o.env,
    E2E_PORT: String(o.port),
    NEXT_DIST_DIR: o.distDir,
    NODE_ENV: "production",
  };
  delete env.DATABASE_URL;
  let databaseUrl: string | undefined;
  if (o.engine === "postgres") {
    env.E2E_PG_URL = o.pgAdminUrl;
    const u = new URL(o.pgAdminUrl);
    u.pathname = `/newsroom_e2e_${o.port}`;
    databaseUrl = u.toString();
  } else delete env.E2E_PG_URL;
  // Straight to the file: a pipe through this process would spend CPU beside the server's for every line.
  const log = openSync(path.join(LOG_DIR, `server-${o.engine}-${o.port}.log`), "w");
  const child = spawn(process.execPath, ["scripts/e2e-server.mjs"], { env, detached: true, stdio: ["ignore", log, log] });
  closeSync(log);
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  const origin = `http://localhost:${o.port}`;
  const deadline = Date.now() + 300_000;
  let up = false;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) break;
    try {
      const r = await fetch(`${origin}/api/ready`);
      if (r.ok) {
        up = true;
        break;
      }
    } catch {
      /* not listening yet */
    }
    await sleep(500);
  }
  if (!up) {
    killGroup(child);
    throw new Error(`the ${o.engine} app did not start on port ${o.port}; see ${path.join(LOG_DIR, `server-${o.engine}-${o.port}.log`)}`);
  }
  const listenerPid = findListener(o.port);
  return {
    engine: o.engine,
    port: o.port,
    origin,
    databaseUrl,
    listenerPid,
    stop: async () => {
      killGroup(child);
      await Promise.race([exited, sleep(8000)]);
      if (child.exitCode === null) killGroup(child, "SIGKILL");
    },
  };
}

/** The process that owns the listening socket is the one to measure (not the e2e-server wrapper). */
export function findListener(port: number): number {
  const out = spawnSync("ss", ["-ltnpH", `sport = :${port}`], { encoding: "utf8" }).stdout ?? "";
  const pid = Number(/pid=(\d+)/.exec(out)?.[1]);
  if (!pid) throw new Error(`no process listens on port ${port} (ss said: ${out.trim() || "nothing"})`);
  return pid;
}

/** Resident memory of a process in MB (VmRSS), or NaN once it is gone. */
export function rssMb(pid: number): number {
  try {
    const kb = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1]);
    return kb / 1024;
  } catch {
    return NaN;
  }
}

/** Samples a process's RSS every 200 ms until stopped; returns the peak and mean. */
export function sampleRss(pid: number) {
  const samples: number[] = [];
  const take = () => {
    const v = rssMb(pid);
    if (Number.isFinite(v)) samples.push(v);
  };
  take();
  const timer = setInterval(take, 200);
  return () => {
    clearInterval(timer);
    take();
    return { peakMb: Math.max(...samples), meanMb: samples.reduce((a, b) => a + b, 0) / samples.length };
  };
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals = "SIGTERM") {
  try {
    if (child.pid) process.kill(-child.pid, signal);
  } catch {
    /* already gone */
  }
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
