/**
 * Real databases for integration tests (no mocks): TEST_ENGINE=pglite (default) copies a
 * migrated PGlite template folder made once per run; TEST_ENGINE=postgres clones a migrated
 * template database on TEST_PG_URL. Each test file gets its own database.
 */
import { randomBytes } from "node:crypto";
import { cpSync, mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import { inject } from "vitest";

import { openDb, type Handle } from "@/db";

import { adminQuery, withDatabase } from "./pg-admin";

export type TestDb = Handle & { url?: string; drop: () => Promise<void> };

export async function createTestDb(): Promise<TestDb> {
  const template = inject("dbTemplate");
  const id = randomBytes(6).toString("hex");
  if (template.engine === "postgres") {
    const name = `newsroom_test_${id}`;
    await adminQuery(template.adminUrl, `CREATE DATABASE ${name} TEMPLATE ${template.name}`);
    const url = withDatabase(template.adminUrl, name);
    const handle = await openDb({ databaseUrl: url, migrate: false, max: 5 });
    return {
      ...handle,
      url,
      drop: async () => {
        await handle.close();
        await adminQuery(template.adminUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      },
    };
  }
  const dir = path.join(template.dir, "..", `copy-${id}`);
  mkdirSync(path.dirname(dir), { recursive: true });
  cpSync(template.dir, dir, { recursive: true });
  const handle = await openDb({ pgliteDir: dir, migrate: false });
  return {
    ...handle,
    drop: async () => {
      await handle.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

declare module "vitest" {
  export interface ProvidedContext {
    dbTemplate: { engine: "pglite"; dir: string } | { engine: "postgres"; adminUrl: string; name: string };
  }
}
