import { mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import type { TestProject } from "vitest/node";

import { openDb } from "@/db";

import { adminQuery, withDatabase } from "./pg-admin";

/** Builds one migrated template database per run; test files clone it (see createTestDb). */
export default async function setup(project: TestProject) {
  const engine = process.env.TEST_ENGINE === "postgres" ? "postgres" : "pglite";
  if (engine === "postgres") {
    const adminUrl = process.env.TEST_PG_URL || "postgres://postgres@127.0.0.1:5432/postgres";
    const name = `newsroom_tpl_${process.pid}_${Date.now().toString(36)}`;
    await adminQuery(adminUrl, `CREATE DATABASE ${name}`);
    const handle = await openDb({ databaseUrl: withDatabase(adminUrl, name), max: 1 });
    await handle.close();
    project.provide("dbTemplate", { engine, adminUrl, name });
    return async () => {
      await adminQuery(adminUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    };
  }
  const root = path.join(process.cwd(), ".tmp", `vitest-${process.pid}`);
  const dir = path.join(root, "template");
  rmSync(root, { recursive: true, force: true });
  mkdirSync(root, { recursive: true });
  const handle = await openDb({ pgliteDir: dir });
  await handle.close();
  project.provide("dbTemplate", { engine, dir });
  return () => rmSync(root, { recursive: true, force: true });
}
