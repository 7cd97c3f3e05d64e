#!/usr/bin/env node
// `npm start`: the one command for a newcomer. Plain Node (no dependencies) because it runs
// before node_modules exists: installs dependencies when needed, builds when the sources are
// newer than the build, migrates (and on the embedded database seeds the demo), then serves.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
process.chdir(root);
const port = process.env.PORT || "3000";
const distDir = process.env.NEXT_DIST_DIR || ".next";
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

export function ensureDependencies() {
  const marker = path.join(root, "node_modules", ".package-lock.json");
  if (!existsSync(marker) || statSync(marker).mtimeMs < statSync(path.join(root, "package-lock.json")).mtimeMs) {
    console.log("Installing dependencies (npm ci)…");
    run("npm", ["ci", "--no-audit", "--no-fund"]);
  }
}

function ensureBuild() {
  const buildId = path.join(root, distDir, "BUILD_ID");
  if (existsSync(buildId) && statSync(buildId).mtimeMs > newestMtime(root)) return;
  console.log("Building the app (next build)…");
  run(bin("next"), ["build"], { NEXT_TELEMETRY_DISABLED: "1" });
}

ensureDependencies();
ensureBuild();
const secretEnv = {};
if (!process.env.AUTH_SECRET) {
  // A per-machine secret for local use, so sessions survive restarts; production sets AUTH_SECRET.
  const { default: crypto } = await import("node:crypto");
  const { readFileSync, writeFileSync, mkdirSync } = await import("node:fs");
  const file = path.join(root, ".data", "auth-secret");
  mkdirSync(path.dirname(file), { recursive: true });
  if (!existsSync(file)) writeFileSync(file, crypto.randomBytes(32).toString("base64"), { mode: 0o600 });
  secretEnv.AUTH_SECRET = readFileSync(file, "utf8").trim();
}
run(bin("tsx"), ["--conditions=react-server", "scripts/prepare.ts"]);
const host = process.env.HOSTNAME || "localhost";
console.log(`\nNewsroom is starting on http://${host}:${port}  (newsroom: http://${host}:${port}/newsroom, sign in with an account above)\n`);
const server = spawn(process.execPath, ["server/serve.mjs", "-p", port], {
  stdio: "inherit",
  env: { AUTH_TRUST_HOST: "true", NEXT_TELEMETRY_DISABLED: "1", ...secretEnv, ...process.env },
});
for (const sig of ["SIGINT", "SIGTERM"]) process.on(sig, () => server.kill(sig));
server.on("exit", (code) => process.exit(code ?? 0));
