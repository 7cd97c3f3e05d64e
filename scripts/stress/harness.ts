/**
 * Shared pieces of the reliability scenarios: a production server we start and kill ourselves
 * (its own process group, so SIGKILL reaches the server), a fresh database per run, signing in
 * and calling real server actions over HTTP (ids from the build's server-reference manifest).
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import postgres from "postgres";

import { TEST_DEMO_PASSWORDS_ENV } from "../../e2e/demo-passwords.mjs";

export const root = process.cwd();
export const distDir = () => process.env.NEXT_DIST_DIR || ".next";
export const adminUrl = process.env.TEST_PG_URL || "postgres://postgres@127.0.0.1:5432/postgres";
const bin = (n: string) => path.join(root, "node_modules", ".bin", n);
export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export type Target = { engine: "postgres" | "pglite"; port: number; env: Record<string, string>; dbName?: string; databaseUrl?: string };

/** A fresh database for this port: PostgreSQL `newsroom_stress_<port>` (ours to drop) or a PGlite folder. */
export async function freshDatabase(engine: "postgres" | "pglite", port: number, prefix = "stress"): Promise<Target> {
  const env: Record<string, string> = { SEED_DEMO: "1", DEMO_PASSWORDS: TEST_DEMO_PASSWORDS_ENV };
  if (engine === "postgres") {
    const dbName = `newsroom_${prefix}_${port}`;
    const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
    await admin.unsafe(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
    await admin.unsafe(`CREATE DATABASE ${dbName}`);
    await admin.end();
    const u = new URL(adminUrl);
    u.pathname = `/${dbName}`;
    env.DATABASE_URL = u.toString();
    return { engine, port, env, dbName, databaseUrl: env.DATABASE_URL };
  }
  const dir = path.join(root, ".data", `${prefix}-${port}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(path.dirname(dir), { recursive: true });
  env.PGLITE_DIR = dir;
  return { engine, port, env };
}

export async function dropDatabase(t: Target) {
  if (!t.dbName) return rmSync(t.env.PGLITE_DIR, { recursive: true, force: true });
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`DROP DATABASE IF EXISTS ${t.dbName} WITH (FORCE)`);
  await admin.end();
}

function serverEnv(t: Target, extra: Record<string, string> = {}) {
  const env: Record<string, string | undefined> = {
    ...process.env,
    NEXT_TELEMETRY_DISABLED: "1",
    AUTH_TRUST_HOST: "true",
    NEXT_DIST_DIR: distDir(),
    ...t.env,
    ...extra,
  };
  env.AUTH_SECRET ||= "stress-secret-not-for-production-0123456789";
  if (!t.env.DATABASE_URL) delete env.DATABASE_URL;
  return env as NodeJS.ProcessEnv;
}

/** Migrates and seeds the demo newsroom (before the server opens the database). */
export function prepare(t: Target) {
  const r = spawnSync(bin("tsx"), ["--conditions=react-server", "scripts/prepare.ts"], { env: serverEnv(t), stdio: ["ignore", "ignore", "inherit"] });
  if (r.status !== 0) throw new Error("prepare failed");
}

export type Server = { proc: ChildProcess; base: string; kill: (signal?: NodeJS.Signals) => Promise<void>; log: string[] };

export async function startServer(t: Target, extra: Record<string, string> = {}): Promise<Server> {
  const proc = spawn(process.execPath, ["server/serve.mjs", "-p", String(t.port)], {
    env: serverEnv(t, extra),
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const log: string[] = [];
  const keep = (b: Buffer) => {
    // One line per request would push the events the scenarios look for out of the last 2000.
    log.push(
      ...b
        .toString()
        .split("\n")
        .filter((l) => l && !l.includes('"msg":"request"')),
    );
    if (log.length > 2000) log.splice(0, log.length - 2000);
  };
  proc.stdout!.on("data", keep);
  proc.stderr!.on("data", keep);
  const base = `http://localhost:${t.port}`;
  const exited = new Promise<void>((r) => proc.once("exit", () => r()));
  const kill = async (signal: NodeJS.Signals = "SIGTERM") => {
    if (proc.exitCode !== null || proc.signalCode !== null) return;
    try {
      process.kill(-proc.pid!, signal); // the whole group
    } catch {
      /* already gone */
    }
    await Promise.race([exited, sleep(10_000)]);
  };
  for (let i = 0; i < 240; i++) {
    if (proc.exitCode !== null) throw new Error(`server exited: ${log.slice(-20).join("\n")}`);
    try {
      const r = await fetch(`${base}/api/ready`);
      if (r.ok) return { proc, base, kill, log };
    } catch {
      /* not up yet */
    }
    await sleep(500);
  }
  await kill("SIGKILL");
  throw new Error("server did not become healthy");
}

/** Signs in through Auth.js's credentials endpoint; returns the Cookie header of the session. */
export async function signIn(base: string, email: string, password: string): Promise<string> {
  const csrf = await fetch(`${base}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const jar = new Map<string, string>();
  const take = (r: Response) => {
    for (const c of r.headers.getSetCookie()) {
      const [pair] = c.split(";");
      const i = pair.indexOf("=");
      jar.set(pair.slice(0, i), pair.slice(i + 1));
    }
  };
  take(csrf);
  const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join("; ");
  const r = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookie() },
    body: new URLSearchParams({ csrfToken, email, password, callbackUrl: `${base}/newsroom` }),
  });
  take(r);
  if (![...jar.keys()].some((k) => k.includes("session-token"))) throw new Error(`sign-in failed for ${email}: ${r.status}`);
  return cookie();
}

let manifest: Record<string, { exportedName?: string; filename?: string }> | null = null;
export function actionId(name: string, file = "app/(newsroom)/newsroom/articles/actions.ts"): string {
  manifest ??= (JSON.parse(readFileSync(path.join(root, distDir(), "server", "server-reference-manifest.json"), "utf8")) as { node: typeof manifest }).node;
  const hit = Object.entries(manifest!).find(([, v]) => v.exportedName === name && v.filename === file);
  if (!hit) throw new Error(`no server action ${name} in ${file}`);
  return hit[0];
}

export type ActionCall = { status: number; ms: number; result: unknown };

/** Calls a server action the way the browser does (POST to the page with Next-Action) and decodes the result row. */
export async function callAction(base: string, page: string, id: string, args: unknown[], cookie: string, signal?: AbortSignal): Promise<ActionCall> {
  const started = performance.now();
  const r = await fetch(`${base}${page}`, {
    method: "POST",
    headers: { "next-action": id, accept: "text/x-component", "content-type": "text/plain;charset=UTF-8", origin: base, cookie },
    body: JSON.stringify(args),
    signal,
  });
  const text = await r.text();
  const ms = performance.now() - started;
  // The flight payload: "0:{...}" holds the action's return value under "a" (or a reference to row 1).
  let result: unknown = null;
  for (const line of text.split("\n")) {
    const m = /^([0-9a-f]+):(.*)$/.exec(line);
    if (!m) continue;
    try {
      const v = JSON.parse(m[2]);
      if (m[1] === "0" && v && typeof v === "object" && "a" in v && typeof v.a !== "string") result = v.a;
      else if (m[1] === "1" && result === null) result = v;
    } catch {
      /* not JSON (a module or text row) */
    }
  }
  return { status: r.status, ms, result };
}

export function percentile(values: number[], p: number): number {
  if (!values.length) return 0;
  const s = [...values].sort((a, b) => a - b);
  return Math.round(s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]);
}
