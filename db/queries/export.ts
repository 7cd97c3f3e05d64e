import "server-only";

import { inArray, sql } from "drizzle-orm";
import type { PgTable } from "drizzle-orm/pg-core";

import { queryRows, type Tx } from "@/db";
import { users } from "@/db/schema";

/** Every row of a table (export). */
export async function listRows({ db, table }: { db: Tx; table: PgTable }): Promise<Record<string, unknown>[]> {
  return (await db.select().from(table)) as Record<string, unknown>[];
}

export async function countRows({ db, table }: { db: Tx; table: PgTable }): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(table);
  return Number(row?.n ?? 0);
}

/** Rows as exported, ids included, in chunks (import of a newsroom export). */
export async function insertRows({ db, table, rows }: { db: Tx; table: PgTable; rows: Record<string, unknown>[] }): Promise<void> {
  for (let i = 0; i < rows.length; i += 500) await db.insert(table).values(rows.slice(i, i + 500));
}

/** After rows were written with their own ids: the next generated id comes after them. */
export async function resetSerial({ db, table, column }: { db: Tx; table: string; column: string }): Promise<void> {
  await queryRows(
    db,
    sql`select setval(pg_get_serial_sequence(${table}, ${column}), coalesce((select max(${sql.identifier(column)}) from ${sql.identifier(table)}), 0) + 1, false)`,
  );
}

/** lower(email) → id of the users already here among `emails`. */
export async function existingUsersByEmail({ db, emails }: { db: Tx; emails: string[] }): Promise<Map<string, string>> {
  if (!emails.length) return new Map();
  const rows = await db
    .select({ id: users.id, email: users.email })
    .from(users)
    .where(
      inArray(
        sql`lower(${users.email})`,
        emails.map((e) => e.toLowerCase()),
      ),
    );
  return new Map(rows.map((r) => [r.email.toLowerCase(), r.id]));
}
