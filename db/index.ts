/**
 * One database module, two engines: PostgreSQL through postgres-js when DATABASE_URL is set,
 * otherwise an embedded PGlite database in PGLITE_DIR (default ./.data/pglite).
 * Same schema, same migrations, same queries.
 */
import { mkdirSync } from "node:fs";
import path from "node:path";
import type { SQL } from "drizzle-orm";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";

import * as schema from "./schema";

export type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
/** A transaction or the database itself: queries take either. */
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0] | Db;

/**
 * A connection that receives NOTIFY payloads: `db` runs statements on it (LISTEN must run there),
 * `onNotify` gets (channel, payload), `onLost` is called when the connection closes under it
 * (never on PGlite, which is in-process). See lib/cache/generation-watch.ts.
 */
export type Listener = {
  db: Tx;
  start: (onNotify: (channel: string, payload: string) => void, onLost: () => void) => void;
  close: () => Promise<void>;
};

/** How the listening connection names itself in pg_stat_activity. */
export const LISTENER_APPLICATION_NAME = "newsroom-listen";

export type Handle = {
  db: Db;
  engine: "postgres" | "pglite";
  close: () => Promise<void>;
  ready: Promise<void>;
  /** A connection of its own for LISTEN (PostgreSQL), or the in-process database (PGlite). */
  listener: () => Listener;
};

const globalForDb = globalThis as unknown as { __newsroomDb?: Promise<Handle> };

export const MIGRATIONS_FOLDER = path.join(process.cwd(), "db", "migrations");

export function pgliteDir(): string {
  return process.env.PGLITE_DIR || path.join(process.cwd(), ".data", "pglite");
}

export type OpenOptions = { databaseUrl?: string; pgliteDir?: string; migrate?: boolean; max?: number };

/** Opens a new connection (tests and scripts); the app uses getDb(). */
export async function openDb(opts: OpenOptions = {}): Promise<Handle> {
  const url = opts.databaseUrl ?? process.env.DATABASE_URL;
  let handle: Handle;
  if (url) {
    // postgres-js as patched at install (patches/README.md): 3.4.9 poisons connections closed under it.
    const { default: postgres } = await import("postgres");
    const { drizzle } = await import("drizzle-orm/postgres-js");
    const client = postgres(url, {
      max: opts.max ?? Number(process.env.DATABASE_POOL_MAX ?? 10),
      onnotice: () => {},
      idle_timeout: 30,
      connect_timeout: 10,
      // The default backoff grows to 20 s after a few failed connects, so the app stayed down up
      // to 20 s after PostgreSQL was back (a restart). Cap it at 2 s (seconds, per connection).
      backoff: (retries: number) => Math.min(0.1 * 2 ** retries, 2),
    });
    const db = drizzle(client, { schema }) as unknown as Db;
    const listener = (): Listener => {
      let notify: (channel: string, payload: string) => void = () => {};
      let lost = () => {};
      let closed = false;
      // One connection, never recycled while it is healthy; after a loss the next statement opens a new one.
      // `onnotify` is postgres-js's own (it backs sql.listen) but missing from its types.
      const options = {
        max: 1,
        idle_timeout: 0,
        max_lifetime: null,
        connect_timeout: 5,
        fetch_types: false,
        onnotice: () => {},
        onnotify: (channel: string, payload: string) => notify(channel, payload),
        onclose: () => {
          if (!closed) lost();
        },
        connection: { application_name: LISTENER_APPLICATION_NAME },
      };
      const own = postgres(url, options);
      return {
        db: drizzle(own, { schema }) as unknown as Db,
        start: (onNotify, onLost) => {
          notify = onNotify;
          lost = onLost;
        },
        close: () => {
          closed = true;
          return own.end({ timeout: 1 });
        },
      };
    };
    handle = { db, engine: "postgres", close: () => client.end({ timeout: 5 }), ready: Promise.resolve(), listener };
  } else {
    const { PGlite } = await import("@electric-sql/pglite");
    const { unaccent } = await import("@electric-sql/pglite/contrib/unaccent");
    const { pg_trgm } = await import("@electric-sql/pglite/contrib/pg_trgm");
    const { drizzle } = await import("drizzle-orm/pglite");
    const dir = opts.pgliteDir ?? pgliteDir();
    if (dir !== "memory://") mkdirSync(path.dirname(path.resolve(/*turbopackIgnore: true*/ dir)), { recursive: true });
    const client = dir === "memory://" ? new PGlite({ extensions: { unaccent, pg_trgm } }) : new PGlite(dir, { extensions: { unaccent, pg_trgm } });
    const db = drizzle(client, { schema }) as unknown as Db;
    // In-process: notifications arrive right after the statement that committed them.
    const listener = (): Listener => {
      let off = () => {};
      return {
        db,
        start: (onNotify) => {
          off = client.onNotification(onNotify);
        },
        close: async () => off(),
      };
    };
    handle = { db, engine: "pglite", close: () => client.close(), ready: client.waitReady, listener };
  }
  await handle.ready;
  if (opts.migrate !== false) await migrateDb(handle, url);
  return handle;
}

export async function migrateDb(handle: Pick<Handle, "db" | "engine">, databaseUrl?: string): Promise<void> {
  if (handle.engine === "postgres") {
    const { default: postgres } = await import("postgres");
    const { drizzle } = await import("drizzle-orm/postgres-js");
    const { migrate } = await import("drizzle-orm/postgres-js/migrator");
    // Several app instances may start at once: one migrates while the others wait on the lock.
    // A one-connection client keeps the session lock and the migration on the same connection.
    const client = postgres((databaseUrl ?? process.env.DATABASE_URL)!, { max: 1, onnotice: () => {} });
    try {
      await client`select pg_advisory_lock(727274)`;
      await migrate(drizzle(client), { migrationsFolder: MIGRATIONS_FOLDER });
      await client`select pg_advisory_unlock(727274)`;
    } finally {
      await client.end({ timeout: 5 });
    }
  } else {
    const { migrate } = await import("drizzle-orm/pglite/migrator");
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    await migrate(handle.db as any, { migrationsFolder: MIGRATIONS_FOLDER });
  }
}

/** The app's shared connection, created once per process and migrated on first use. */
export function getHandle(): Promise<Handle> {
  globalForDb.__newsroomDb ??= openDb().catch((error: unknown) => {
    // A failed start (database down) is retried by the next request rather than cached.
    globalForDb.__newsroomDb = undefined;
    throw error;
  });
  return globalForDb.__newsroomDb;
}

export async function getDb(): Promise<Db> {
  return (await getHandle()).db;
}

/** Rows of a raw query, whichever driver ran it (postgres-js returns an array, PGlite { rows }). */
export function rowsOf<T>(result: unknown): T[] {
  if (Array.isArray(result)) return result as T[];
  return ((result as { rows?: T[] }).rows ?? []) as T[];
}

export async function queryRows<T>(db: Tx, query: SQL): Promise<T[]> {
  return rowsOf<T>(await db.execute(query));
}
