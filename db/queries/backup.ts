import "server-only";

import { sql } from "drizzle-orm";

import { queryRows, type Tx } from "@/db";

/** Tables outside PostgreSQL's own schemas: 0 on an empty database. */
export async function countUserTables({ db }: { db: Tx }): Promise<number> {
  const [row] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from pg_tables where schemaname not in ('pg_catalog', 'information_schema')`);
  return row?.n ?? 0;
}

/** Migrations recorded as applied (0 when the migrations table does not exist). */
export async function countAppliedMigrations({ db }: { db: Tx }): Promise<number> {
  const [exists] = await queryRows<{ t: string | null }>(db, sql`select to_regclass('drizzle.__drizzle_migrations')::text as t`);
  if (!exists?.t) return 0;
  const [row] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from drizzle.__drizzle_migrations`);
  return row?.n ?? 0;
}
