#!/usr/bin/env node
// `npm run dev`: Next's development server, ready from a fresh clone. Like `npm start` it
// installs the dependencies when needed, reads the .env files (development mode), gives this
// machine a local AUTH_SECRET when none is set (sign-in fails without one), migrates and seeds
// the embedded demo, then runs `next dev`. Extra arguments go to `next dev` (`npm run dev -- -p 3001`).
import { spawn, spawnSync } from "node:child_process";
import path from "node:path";

import { ensureDependencies, localAuthSecret } from "../server/local-setup.mjs";

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
process.chdir(root);
const bin = (name) => path.join(root, "node_modules", ".bin", name);

ensureDependencies();
const { loadEnvFiles } = await import("../server/env-files.mjs");
loadEnvFiles({ dev: true });
// Development only: a per-machine secret even on PostgreSQL, so a local database just works.
process.env.AUTH_SECRET ||= localAuthSecret();
process.env.NEXT_TELEMETRY_DISABLED ||= "1";

const prep = spawnSync(bin("tsx"), ["--conditions=react-server", "scripts/prepare.ts"], { stdio: "inherit", env: { ...process.env, NODE_ENV: "development" } });
if (prep.status !== 0) process.exit(prep.status ?? 1);

const args = process.argv.slice(2);
// Loopback only unless told otherwise, like the production server.
if (!args.includes("-H") && !args.includes("--hostname")) args.push("-H", process.env.HOSTNAME || "localhost");
if (!args.includes("-p") && !args.includes("--port") && process.env.PORT) args.push("-p", process.env.PORT);
const server = spawn(bin("next"), ["dev", ...args], { stdio: "inherit", env: process.env });
for (const sig of ["SIGINT", "SIGTERM"]) process.on(sig, () => server.kill(sig));
server.on("exit", (code) => process.exit(code ?? 0));
