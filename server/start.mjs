#!/usr/bin/env node
// `npm start`: the one command for a newcomer. Plain Node (no dependencies) because it runs
// before node_modules exists: installs dependencies when needed, reads the .env files, checks
// the configuration, builds when the sources are newer than the build, migrates (and on the
// embedded database seeds the demo), then serves.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";

import { ensureDependencies, localAuthSecret } from "./local-setup.mjs";

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
process.chdir(root);
const bin = (name) => path.join(root, "node_modules", ".bin", name);

function run(cmd, args, env = {}) {
  const r = spawnSync(cmd, args, { stdio: "inherit", env: { ...process.env, ...env } });
  if (r.status !== 0) {
    console.error(`\n✖ ${cmd} ${args.join(" ")} failed (exit ${r.status}).`);
    process.exit(r.status ?? 1);
  }
}

function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (
      ["node_modules", ".git", ".data", "e2e", "bench", "test-results", "playwright-report", "uploads"].includes(entry.name) ||
      entry.name.startsWith(".next")
    )
      continue;
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestMtime(p));
    else newest = Math.max(newest, statSync(p).mtimeMs);
  }
  return newest;
}

function ensureBuild(distDir) {
  const buildId = path.join(root, distDir, "BUILD_ID");
  if (existsSync(buildId) && statSync(buildId).mtimeMs > newestMtime(root)) return;
  console.log("Building the app (next build)…");
  run(process.execPath, ["scripts/build.mjs"]);
}

ensureDependencies();
const { loadEnvFiles } = await import("./env-files.mjs");
loadEnvFiles({ dev: false });
// The embedded demo gets a per-machine secret; on PostgreSQL (production) the operator sets
// AUTH_SECRET, shared by every instance, and the check below refuses to go on without it.
if (!process.env.AUTH_SECRET && !process.env.DATABASE_URL) process.env.AUTH_SECRET = localAuthSecret();
// A bad variable has already been named on its own line: nothing to add to it.
const check = spawnSync(bin("tsx"), ["--conditions=react-server", "scripts/check-env.ts", "server"], { stdio: "inherit" });
if (check.status !== 0) process.exit(check.status ?? 1);
const port = process.env.PORT || "3000";
ensureBuild(process.env.NEXT_DIST_DIR || ".next");
run(bin("tsx"), ["--conditions=react-server", "scripts/prepare.ts"]);
const host = process.env.HOSTNAME || "localhost";
// The demo's accounts were printed just above (embedded database); on PostgreSQL there are none to print.
const signIn = process.env.DATABASE_URL ? "sign in, or create the first admin at /setup" : "sign in with an account above";
console.log(`\nNewsroom is starting on http://${host}:${port}  (newsroom: http://${host}:${port}/newsroom, ${signIn})\n`);
const server = spawn(process.execPath, ["server/serve.mjs", "-p", port], {
  stdio: "inherit",
  env: { AUTH_TRUST_HOST: "true", NEXT_TELEMETRY_DISABLED: "1", ...process.env },
});
for (const sig of ["SIGINT", "SIGTERM"]) process.on(sig, () => server.kill(sig));
server.on("exit", (code) => process.exit(code ?? 0));
