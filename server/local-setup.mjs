// @ts-check
/**
 * What `npm start` and `npm run dev` do for a newcomer on their own machine, in plain Node (it
 * runs before node_modules exists): install the dependencies when the lockfile is newer, and a
 * per-machine AUTH_SECRET kept in .data/auth-secret so sessions survive restarts. Production
 * sets AUTH_SECRET itself; the server refuses to start on PostgreSQL without it.
 */
import { spawnSync } from "node:child_process";
import crypto from "node:crypto";
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

export function ensureDependencies() {
  const marker = path.join(root, "node_modules", ".package-lock.json");
  if (!existsSync(marker) || statSync(marker).mtimeMs < statSync(path.join(root, "package-lock.json")).mtimeMs) {
    console.log("Installing dependencies (npm ci)…");
    const r = spawnSync("npm", ["ci", "--no-audit", "--no-fund"], { stdio: "inherit", cwd: root });
    if (r.status !== 0) {
      console.error(`\n✖ npm ci failed (exit ${r.status}).`);
      process.exit(r.status ?? 1);
    }
  }
}

/** 32 random bytes in base64 kept in .data/<name>, made on first use (owner-only file). */
function localKey(name) {
  const file = path.join(root, ".data", name);
  mkdirSync(path.dirname(file), { recursive: true });
  if (!existsSync(file)) writeFileSync(file, crypto.randomBytes(32).toString("base64"), { mode: 0o600 });
  return readFileSync(file, "utf8").trim();
}

/** The secret of this machine's local sessions. */
export const localAuthSecret = () => localKey("auth-secret");

/**
 * The key Next derives server-action ids from and encrypts their bound arguments with, kept
 * between builds on this machine so a rebuild of the same code keeps the same action ids (a page
 * open in a browser across a redeploy still saves).
 */
export const localServerActionsKey = () => localKey("server-actions-key");
