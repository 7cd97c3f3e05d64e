// @ts-check
/**
 * Loads `.env`, `.env.local`, `.env.<mode>` and `.env.<mode>.local` from the project folder into
 * process.env with Next's own loader (@next/env), so the scripts (migrate, users, seed, npm
 * start, npm run dev) see exactly the configuration the server sees. Variables already set in
 * the environment win over the files, as in Next. The mode is "development" for `npm run dev`
 * (or NODE_ENV=development), "test" under NODE_ENV=test, otherwise "production", like `next start`.
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import nextEnv from "@next/env";

export const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/**
 * @param {{ dev?: boolean }} [options]
 * @returns {string[]} the files read, relative to the project folder
 */
export function loadEnvFiles({ dev = process.env.NODE_ENV === "development" } = {}) {
  const quiet = { info: () => {}, error: (/** @type {unknown[]} */ ...args) => console.error(...args) };
  const { loadedEnvFiles } = nextEnv.loadEnvConfig(projectRoot, dev, quiet);
  return loadedEnvFiles.map((f) => f.path);
}
