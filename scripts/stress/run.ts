/**
 * `npm run test:stress`: the long reliability scenarios (no lost update, database faults,
 * scheduling, load) against a production build, each on a fresh database. Prints one table and
 * writes .tmp/stress/report.json; exits non-zero if any scenario lost or let through anything.
 *   STRESS_ENGINE=postgres|pglite (default postgres; db-faults needs postgres)
 *   STRESS_SECONDS (default 60), STRESS_PORT (default 3470; uses PORT and PORT+1)
 *   STRESS_ONLY=lost-update,db-faults,scheduling,load (default: all)
 *   NEXT_DIST_DIR (default .next-stress), built first unless STRESS_SKIP_BUILD=1
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";

import { TEST_DEMO_PASSWORDS } from "../../e2e/demo-passwords.mjs";
import { dbFaults } from "./db-faults";
import { distDir, dropDatabase, freshDatabase, prepare, root, signIn, startServer } from "./harness";
import { load } from "./load";
import { lostUpdate } from "./lost-update";
import { scheduling } from "./scheduling";

const engine = process.env.STRESS_ENGINE === "pglite" ? "pglite" : "postgres";
const seconds = Number(process.env.STRESS_SECONDS || 60);
const port = Number(process.env.STRESS_PORT || 3470);
const only = (process.env.STRESS_ONLY || "lost-update,db-faults,scheduling,load").split(",");
const PUBLIC = ["/", "/articles/la-chine-nie-toute-implication-dans-la-cyberattaque-contre-les-hopitaux-francais", "/search?q=chine", "/feed.xml"];

process.env.NEXT_DIST_DIR ||= ".next-stress";
if (process.env.STRESS_SKIP_BUILD !== "1" || !existsSync(path.join(root, distDir(), "BUILD_ID"))) {
  const b = spawnSync(path.join(root, "node_modules", ".bin", "next"), ["build"], { stdio: "inherit", env: process.env });
  if (b.status !== 0) process.exit(1);
}

type Row = Record<string, unknown> & { item: string; pass: boolean };
const rows: Row[] = [];

async function withServer(
  extra: Record<string, string>,
  fn: (s: Awaited<ReturnType<typeof startServer>>, t: Awaited<ReturnType<typeof freshDatabase>>) => Promise<Row>,
) {
  const t = await freshDatabase(engine, port);
  prepare(t);
  const s = await startServer(t, extra);
  try {
    rows.push(await fn(s, t));
  } catch (error) {
    rows.push({ item: String(error), pass: false, log: s.log.slice(-20) });
  } finally {
    await s.kill("SIGKILL");
    await dropDatabase(t);
  }
  console.log(JSON.stringify(rows.at(-1), null, 1));
}

const editors = async (base: string) => [
  await signIn(base, "editor@newsroom.test", TEST_DEMO_PASSWORDS.editor),
  await signIn(base, "admin@newsroom.test", TEST_DEMO_PASSWORDS.admin),
];

if (only.includes("lost-update")) await withServer({ JOBS_DISABLED: "1" }, async (s) => lostUpdate(s, await editors(s.base), seconds));
if (only.includes("db-faults")) {
  if (engine !== "postgres") rows.push({ item: "7 database faults: skipped (needs PostgreSQL)", pass: true });
  else await withServer({ JOBS_DISABLED: "1" }, async (s, t) => dbFaults(s, t, (await editors(s.base))[0], seconds, { publicPaths: PUBLIC }));
}
if (only.includes("scheduling")) {
  rows.push(await scheduling(engine, port).catch((error) => ({ item: `9 scheduling: ${error}`, pass: false })));
  console.log(JSON.stringify(rows.at(-1), null, 1));
}
if (only.includes("load")) await withServer({ JOBS_DISABLED: "1" }, async (s) => load(s, await editors(s.base), seconds, PUBLIC));

mkdirSync(path.join(root, ".tmp", "stress"), { recursive: true });
writeFileSync(path.join(root, ".tmp", "stress", "report.json"), JSON.stringify({ engine, seconds, rows }, null, 2));
console.log(`\nstress (${engine}, ${seconds} s):`);
for (const r of rows) console.log(`${r.pass ? "PASS" : "FAIL"}  ${r.item}`);
process.exit(rows.every((r) => r.pass) ? 0 : 1);
