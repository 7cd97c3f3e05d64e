/**
 * Scheduled publication (CI size): 20 articles fall due over 20 s while the app is SIGKILLed and
 * restarted (on PostgreSQL as two instances); each is published exactly once, within 60 s.
 * Its own servers and database (port E2E_PORT + 11, + 12); `npm run test:stress` runs 100
 * articles with the default 15 s poll. The scenario imports server modules, so it runs under
 * tsx with the react-server condition rather than in Playwright's loader.
 */
import { spawnSync } from "node:child_process";
import path from "node:path";

import { expect, test } from "./fixtures";

test("scheduled articles are published exactly once across an app restart", async () => {
  test.setTimeout(300_000);
  const engine = process.env.E2E_PG_URL ? "postgres" : "pglite";
  const port = String(Number(process.env.E2E_PORT || 3200) + 11);
  const tsx = path.join(process.cwd(), "node_modules", ".bin", "tsx");
  const run = spawnSync(tsx, ["--conditions=react-server", "scripts/stress/scheduling-main.ts", engine, port, "20", "2000"], {
    encoding: "utf8",
    env: { ...process.env, TEST_PG_URL: process.env.E2E_PG_URL || process.env.TEST_PG_URL },
    timeout: 280_000,
  });
  const last = run.stdout.trim().split("\n").at(-1) ?? "";
  console.log(`[scheduling] ${engine}: ${last}`);
  expect(run.status, run.stderr.slice(-2000)).toBe(0);
  expect(JSON.parse(last)).toMatchObject({ published: 20, publishedTwice: 0, neverPublished: 0, laterThan60s: 0, restarts: 1, pass: true });
});
