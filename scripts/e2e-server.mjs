#!/usr/bin/env node
// Playwright's web server: a fresh database (PGlite folder or a new PostgreSQL database from
// E2E_PG_URL), migrated and seeded with the demo newsroom, then the production build.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, rmSync } from "node:fs";
import path from "node:path";

import { TEST_DEMO_PASSWORDS_ENV } from "../e2e/demo-passwords.mjs";

const root = process.cwd();
const port = process.env.E2E_PORT || "3200";
const distDir = process.env.NEXT_DIST_DIR || ".next";
const bin = (n) => path.join(root, "node_modules", ".bin", n);
const env = {
  ...process.env,
  NEXT_TELEMETRY_DISABLED: "1",
  AUTH_TRUST_HOST: "true",
  AUTH_SECRET: process.env.AUTH_SECRET || "e2e-secret-not-for-production-0123456789",
};

if (process.env.E2E_PG_URL) {
  const admin = new URL(process.env.E2E_PG_URL);
  const name = `newsroom_e2e_${port}`;
  const r = spawnSync(bin("tsx"), ["scripts/pg-create-db.ts", process.env.E2E_PG_URL, name], { stdio: "inherit", env });
  if (r.status !== 0) process.exit(r.status ?? 1);
  admin.pathname = `/${name}`;
  env.DATABASE_URL = admin.toString();
  delete env.PGLITE_DIR;
} else {
  env.PGLITE_DIR = path.join(root, ".data", `e2e-${port}`);
  rmSync(env.PGLITE_DIR, { recursive: true, force: true });
  delete env.DATABASE_URL;
}
// Uploads of this server only (two suites' servers may run side by side).
env.UPLOADS_DIR ||= path.join(root, ".data", `e2e-${port}-uploads`);
rmSync(env.UPLOADS_DIR, { recursive: true, force: true });
// SEED_DEMO=0 gives an empty database (the first-run spec starts such a server of its own).
env.SEED_DEMO ??= "1";
// Known demo passwords for the suites (e2e/fixtures.ts); npm start makes random ones.
env.DEMO_PASSWORDS = TEST_DEMO_PASSWORDS_ENV;
// All test traffic comes from this machine: some specs give each test its own client address
// with X-Forwarded-For (the per-address sign-in limit), as a proxy on loopback would.
env.TRUST_PROXY ??= "loopback";
// Enables app/api/test-hooks/[hook] (test-only state changes used by the specs, testing/hooks/).
env.E2E_TEST_HOOKS = "1";
// /api/ready gives its details to this token only (e2e/security-public.spec.ts).
env.READY_TOKEN ||= "e2e-ready-token-not-for-production";
// The suites' output stays readable: no line per request (warnings and errors still show).
env.LOG_LEVEL ||= "warn";
// e2e/integrations.spec.ts runs its webhook receiver on 127.0.0.1, which the SSRF guard refuses otherwise.
env.WEBHOOK_ALLOW_PRIVATE ||= "1";
// /metrics answers this token only (e2e/metrics.spec.ts).
env.METRICS_TOKEN ||= "e2e-metrics-token-not-for-production";

if (!existsSync(path.join(root, distDir, "BUILD_ID"))) {
  const b = spawnSync(bin("next"), ["build"], { stdio: "inherit", env });
  if (b.status !== 0) process.exit(b.status ?? 1);
}
const prep = spawnSync(bin("tsx"), ["--conditions=react-server", "scripts/prepare.ts"], { stdio: "inherit", env });
if (prep.status !== 0) process.exit(prep.status ?? 1);
const server = spawn(process.execPath, ["server/serve.mjs", "-p", port], { stdio: "inherit", env });
for (const sig of ["SIGINT", "SIGTERM"]) process.on(sig, () => server.kill(sig));
server.on("exit", (code) => process.exit(code ?? 0));
