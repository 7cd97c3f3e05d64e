/**
 * Load points. The driver is `wrk` (one thread, pinned with taskset to a core of its own when the
 * machine has two or more, the servers under test pinned to the others): autocannon saturates
 * near the bare Node baseline here, so ratios measured with it mostly measured autocannon. When
 * wrk is missing the bench tries `apt-get install -y wrk` (as root), and otherwise falls back to
 * autocannon and says so loudly in the results.
 *
 * Each point also reads, from /proc, the CPU time the server process (all its threads) and the
 * database's backend processes spent during the point, so "CPU per request" comes from the same
 * run as the throughput.
 */
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import autocannon from "autocannon";

import { LOG_DIR, sampleRss, sleep } from "./server";

export type LoadPoint = {
  target: string;
  connections: number;
  seconds: number;
  rps: number;
  p50Ms: number;
  p99Ms: number;
  errors: number;
  requests: number;
  rssPeakMb: number;
  rssMeanMb: number;
  /** Server CPU (user + system, all threads) per answered request, in ms. */
  cpuMsPerRequest: number;
  /** Database backends' CPU per answered request, in ms (NaN when not measured, e.g. PGlite runs inside the server). */
  dbCpuMsPerRequest: number;
};

export type Driver = {
  kind: "wrk" | "autocannon";
  /** The core the load generator runs on, null when not pinned. */
  loadCpu: number | null;
  /** taskset list for the servers under test, null when not pinned. */
  serverCpus: string | null;
  note: string;
};

const TICK_MS = 1000 / (Number(spawnSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).stdout.trim()) || 100);

/** CPU time (user + system, every thread) a process has used, in ms; NaN once it is gone. */
export function cpuMs(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // Fields after the command name (which may hold spaces): state is field 3, utime 14, stime 15.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
  } catch {
    return NaN;
  }
}

/** Sum of cpuMs over processes; one that is gone counts as what it had at the last reading. */
function cpuOf(pids: number[]): Map<number, number> {
  return new Map(pids.map((p) => [p, cpuMs(p)]));
}
function cpuDelta(before: Map<number, number>, after: Map<number, number>): number {
  let total = 0;
  for (const [pid, end] of after) {
    if (!Number.isFinite(end)) continue;
    total += end - (before.get(pid) ?? end);
  }
  return total;
}

function hasWrk(): boolean {
  return spawnSync("wrk", ["--version"], { encoding: "utf8" }).error === undefined;
}

/** wrk if present (installed with apt when missing and allowed), pinned with taskset where possible. */
export function chooseDriver(): Driver {
  let kind: Driver["kind"] = "wrk";
  let note = "";
  if (!hasWrk()) {
    if (process.getuid?.() === 0 && existsSync("/usr/bin/apt-get")) {
      console.log("[bench] wrk is missing: apt-get install -y wrk");
      spawnSync("apt-get", ["install", "-y", "wrk"], { stdio: "inherit", timeout: 180_000 });
    }
    if (!hasWrk()) {
      kind = "autocannon";
      note =
        "**wrk is not installed and could not be installed: the load was driven with autocannon, which saturates near the bare Node baseline on small machines, so the ratios below understate the gap.** Install wrk (`apt-get install wrk`) and run again.";
      console.warn(`\n[bench] !!! ${note}\n`);
    }
  }
  const cpus = os.cpus().length;
  const canPin = cpus >= 2 && spawnSync("taskset", ["--version"]).error === undefined;
  if (!canPin) note += `${note ? " " : ""}The load generator is not pinned (${cpus < 2 ? "one CPU" : "no taskset"}): it competes with the server for CPU.`;
  return { kind, loadCpu: canPin ? cpus - 1 : null, serverCpus: canPin ? (cpus === 2 ? "0" : `0-${cpus - 2}`) : null, note };
}

/** Keeps a server (every thread) off the load generator's core. */
export function pinServer(driver: Driver, pid: number) {
  if (driver.serverCpus === null) return;
  spawnSync("taskset", ["-a", "-p", "-c", driver.serverCpus, String(pid)], { stdio: "ignore" });
}

/** Gives a pinned server (every thread) every CPU again. */
export function unpinServer(pid: number) {
  spawnSync("taskset", ["-a", "-p", "-c", `0-${os.cpus().length - 1}`, String(pid)], { stdio: "ignore" });
}

const WRK_SCRIPT = `done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format('WRKJSON {"requests":%d,"duration_us":%d,"connect":%d,"read":%d,"write":%d,"status":%d,"timeout":%d,"p50":%f,"p99":%f}\\n',
    summary.requests, summary.duration, e.connect, e.read, e.write, e.status, e.timeout,
    latency:percentile(50), latency:percentile(99)))
end
`;

type Raw = { rps: number; p50Ms: number; p99Ms: number; errors: number; requests: number };

/** wrk's `request` hook for a path with a random query string, e.g. "/?utm_source=" (for a new URL each request). */
export const randomQuery = (prefix: string) => `request = function()
  return wrk.format("GET", "${prefix}" .. math.random(1, 1000000000))
end
`;

async function runWrk(driver: Driver, url: string, connections: number, seconds: number, lua = ""): Promise<Raw> {
  mkdirSync(LOG_DIR, { recursive: true });
  const script = path.join(LOG_DIR, `wrk-${lua ? "custom" : "report"}.lua`);
  writeFileSync(script, lua + WRK_SCRIPT);
  const wrk = ["wrk", "-t1", `-c${connections}`, `-d${seconds}s`, "--timeout", "10s", "-s", script, url];
  const [cmd, ...args] = driver.loadCpu === null ? wrk : ["taskset", "-c", String(driver.loadCpu), ...wrk];
  const child = spawn(cmd, args, { stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  child.stdout.on("data", (d) => (out += d));
  child.stderr.on("data", (d) => (out += d));
  const code = await new Promise<number | null>((resolve) => child.on("exit", resolve));
  const line = /WRKJSON (\{.*\})/.exec(out)?.[1];
  if (code !== 0 || !line) throw new Error(`wrk failed (${code}): ${out.slice(-500)}`);
  const r = JSON.parse(line) as {
    requests: number;
    duration_us: number;
    connect: number;
    read: number;
    write: number;
    status: number;
    timeout: number;
    p50: number;
    p99: number;
  };
  // wrk's "status" errors are answers with a status ≥ 400: they are counted as errors, not as served.
  const errors = r.connect + r.read + r.write + r.status + r.timeout;
  return { rps: (r.requests - r.status) / (r.duration_us / 1e6), p50Ms: r.p50 / 1000, p99Ms: r.p99 / 1000, errors, requests: r.requests };
}

async function runAutocannon(url: string, connections: number, seconds: number): Promise<Raw> {
  const r = await autocannon({ url, connections, duration: seconds, timeout: 10 });
  return {
    rps: r.requests.average,
    p50Ms: r.latency.p50,
    p99Ms: r.latency.p99,
    errors: r.errors + r.timeouts + r.non2xx,
    requests: r["2xx"] + r.non2xx,
  };
}

/**
 * One load point: `connections` for `seconds` on `url`, with the server's memory, its CPU and
 * the database backends' CPU (`dbPids()`, read at the start and the end) over the same interval.
 */
export async function loadPoint(
  driver: Driver,
  target: string,
  url: string,
  connections: number,
  seconds: number,
  pid: number,
  dbPids?: () => Promise<number[]>,
  lua?: string,
): Promise<LoadPoint> {
  const stop = sampleRss(pid);
  const dbBefore = dbPids ? cpuOf(await dbPids()) : null;
  const cpuBefore = cpuMs(pid);
  const raw = driver.kind === "wrk" ? await runWrk(driver, url, connections, seconds, lua) : await runAutocannon(url, connections, seconds);
  const cpuAfter = cpuMs(pid);
  const dbAfter = dbPids && dbBefore ? cpuOf([...new Set([...dbBefore.keys(), ...(await dbPids())])]) : null;
  const rss = stop();
  const served = Math.max(1, raw.requests - raw.errors);
  return {
    target,
    connections,
    seconds,
    ...raw,
    rssPeakMb: rss.peakMb,
    rssMeanMb: rss.meanMb,
    cpuMsPerRequest: (cpuAfter - cpuBefore) / served,
    dbCpuMsPerRequest: dbBefore && dbAfter ? cpuDelta(dbBefore, dbAfter) / served : NaN,
  };
}

export async function warmUp(driver: Driver, url: string, seconds: number) {
  if (driver.kind === "wrk") await runWrk(driver, url, 10, seconds);
  else await autocannon({ url, connections: 10, duration: seconds, timeout: 10 });
}

/**
 * The bare baseline: the page's bytes from memory through Node's http module, nothing else; with
 * `headersFile`, the same with the response headers Newsroom sends (scripts/bench/static-server.mjs).
 */
export async function startBaseline(port: number, htmlFile: string, headersFile?: string) {
  const args = ["scripts/bench/static-server.mjs", String(port), htmlFile, ...(headersFile ? [headersFile] : [])];
  const child = spawn(process.execPath, args, { stdio: ["ignore", "ignore", "ignore", "ipc"] });
  await new Promise<void>((resolve, reject) => {
    child.once("message", () => resolve());
    child.once("exit", (code) => reject(new Error(`baseline server exited (${code})`)));
  });
  return {
    pid: child.pid!,
    url: `http://127.0.0.1:${port}/`,
    stop: async () => {
      child.kill("SIGTERM");
      await sleep(200);
    },
  };
}

/**
 * nginx serving the same bytes from a file (the machine's practical limit for a static page):
 * its own configuration and prefix under .tmp/bench/nginx, one worker, no master, loopback only.
 * Null (with the reason) when nginx is not installed and cannot be.
 */
export async function startNginx(port: number, htmlFile: string): Promise<{ pid: number; url: string; stop: () => Promise<void> } | { error: string }> {
  const bin = ["/usr/sbin/nginx", "/usr/bin/nginx"].find((b) => existsSync(b));
  if (!bin) return { error: "nginx is not installed (apt-get install nginx): no nginx baseline in this run." };
  const prefix = path.join(LOG_DIR, "nginx");
  mkdirSync(path.join(prefix, "tmp"), { recursive: true });
  const conf = path.join(prefix, "nginx.conf");
  writeFileSync(
    conf,
    `daemon off;
master_process off;
worker_processes 1;
pid ${path.join(prefix, "nginx.pid")};
error_log ${path.join(prefix, "error.log")} warn;
events { worker_connections 1024; }
http {
  access_log off;
  keepalive_requests 1000000;
  client_body_temp_path ${path.join(prefix, "tmp")};
  proxy_temp_path ${path.join(prefix, "tmp")};
  fastcgi_temp_path ${path.join(prefix, "tmp")};
  uwsgi_temp_path ${path.join(prefix, "tmp")};
  scgi_temp_path ${path.join(prefix, "tmp")};
  server {
    listen 127.0.0.1:${port};
    root ${path.dirname(htmlFile)};
    default_type "text/html; charset=utf-8";
    location / { try_files /${path.basename(htmlFile)} =404; }
  }
}
`,
  );
  const child = spawn(bin, ["-p", prefix, "-c", conf, "-e", path.join(prefix, "error.log")], { stdio: "ignore" });
  const url = `http://127.0.0.1:${port}/`;
  for (let i = 0; i < 50; i++) {
    if (child.exitCode !== null) return { error: `nginx exited (${child.exitCode}); see ${path.join(prefix, "error.log")}` };
    try {
      if ((await fetch(url)).ok) break;
    } catch {
      /* not yet */
    }
    await sleep(100);
  }
  return {
    pid: child.pid!,
    url,
    stop: async () => {
      child.kill("SIGTERM");
      await sleep(200);
    },
  };
}
