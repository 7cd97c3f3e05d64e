import "server-only";

import { sql } from "drizzle-orm";

import { queryRows, type Tx } from "@/db";

/**
 * The counter that database triggers bump, in the same transaction, whenever something readers
 * can see changes (migration 0003). Reading it costs one primary-key lookup per request and makes
 * a change visible on the next request on every instance — including publications made by the
 * scheduler outside any request, where Next cannot expire tags.
 */
export async function getPublicGeneration({ db }: { db: Tx }): Promise<number> {
  const [row] = await queryRows<{ generation: string | number }>(db, sql`select generation from public_cache_state where id = 1`);
  return Number(row?.generation ?? 0);
}

/** How many migrations drizzle has recorded as applied on this database. */
export async function countAppliedMigrations({ db }: { db: Tx }): Promise<number> {
  const [row] = await queryRows<{ applied: number }>(db, sql`select count(*)::int as applied from drizzle.__drizzle_migrations`);
  return row?.applied ?? 0;
}

/** The channel migration 0012 announces every new public generation on (payload: the generation). */
export const PUBLIC_GENERATION_CHANNEL = "newsroom_public_generation";

/** Starts receiving the channel's notifications on this connection (a Listener's, db/index.ts). */
export async function listenForPublicGeneration({ db }: { db: Tx }): Promise<void> {
  await db.execute(sql.raw(`listen ${PUBLIC_GENERATION_CHANNEL}`));
}
