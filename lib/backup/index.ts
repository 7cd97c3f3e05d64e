import "server-only";

import { spawnSync } from "node:child_process";
import { cp, mkdir, readdir, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";

import { openDb } from "@/db";
import { countAppliedMigrations, countUserTables } from "@/db/queries/backup";

/**
 * Backups of the whole newsroom: the database and the uploaded files, in one folder.
 *
 *   manifest.json   what the folder holds (format, engine, time, migrations, uploads)
 *   database.dump   PostgreSQL: `pg_dump --format=custom` (the `pg_dump` found on PATH)
 *   pglite.tar.gz   the embedded database: PGlite's own data-folder dump (`dumpDataDir`)
 *   uploads/        a copy of UPLOADS_DIR
 *
 * A backup is written to `<folder>.partial` and renamed when complete, so a folder without that
 * suffix is always a whole backup. The database is dumped before the uploads are copied: a file
 * is stored before the row that names it, so every image the dump refers to is in the copy.
 *
 * A restore goes into an EMPTY database (no tables) and an empty uploads folder, and refuses
 * anything else: it never merges into or overwrites a live newsroom. PostgreSQL restores in one
 * transaction (`pg_restore --single-transaction --exit-on-error`): it happens whole or not at all.
 * The migrations newer than the backup are then applied, so a backup of an older version can be
 * restored into this one.
 */
export const MANIFEST_FORMAT = "newsroom-backup/1";

export type Manifest = {
  format: typeof MANIFEST_FORMAT;
  createdAt: string;
  engine: "postgres" | "pglite";
  database: "database.dump" | "pglite.tar.gz";
  migrations: number;
  uploads: { files: number; bytes: number };
  pgDump?: string;
};

export type Target = { databaseUrl?: string; pgliteDir: string; uploadsDir: string };

/** A refusal the operator can act on (one clear line), not a crash. */
export class BackupError extends Error {}

// PGlite needs the same extensions loaded to open a data folder that uses them.
async function pgliteExtensions() {
  const { unaccent } = await import("@electric-sql/pglite/contrib/unaccent");
  const { pg_trgm } = await import("@electric-sql/pglite/contrib/pg_trgm");
  return { unaccent, pg_trgm };
}

/**
 * The connection URL without its password, and the password for PGPASSWORD: a password on the
 * command line would be visible to every user of the machine (ps).
 */
function pgConnection(databaseUrl: string): { url: string; env: NodeJS.ProcessEnv } {
  const u = new URL(databaseUrl);
  const password = decodeURIComponent(u.password);
  u.password = "";
  return { url: u.toString(), env: { ...process.env, ...(password ? { PGPASSWORD: password } : {}) } };
}

function run(tool: string, args: string[], env: NodeJS.ProcessEnv): string {
  const r = spawnSync(tool, args, { env, encoding: "utf8" });
  if (r.error)
    throw new BackupError(
      `${tool} could not be run (${(r.error as NodeJS.ErrnoException).code ?? r.error.message}): install the PostgreSQL client tools, version ${tool === "pg_dump" ? "equal to or newer than" : "matching"} the server`,
    );
  if (r.status !== 0) throw new BackupError(`${tool} failed (exit ${r.status}): ${(r.stderr || r.stdout).trim().split("\n").slice(-3).join(" / ")}`);
  return r.stdout;
}

async function filesIn(dir: string): Promise<{ files: number; bytes: number }> {
  let files = 0;
  let bytes = 0;
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true }).catch(() => [])) {
    if (!entry.isFile()) continue;
    files++;
    bytes += (await stat(path.join(entry.parentPath, entry.name))).size;
  }
  return { files, bytes };
}

async function isEmptyDir(dir: string): Promise<boolean> {
  try {
    return (await readdir(dir)).length === 0;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return true;
    throw error;
  }
}

/** Writes a backup of `source` into the folder `out` (which must not exist yet, or be empty). */
export async function backup(source: Target, out: string): Promise<Manifest> {
  if (!(await isEmptyDir(out))) throw new BackupError(`${out} already exists and is not empty: choose a new folder for the backup`);
  const partial = `${out.replace(/[/\\]+$/, "")}.partial`;
  await rm(partial, { recursive: true, force: true });
  await mkdir(partial, { recursive: true });
  try {
    const engine = source.databaseUrl ? "postgres" : "pglite";
    let migrations: number;
    let pgDump: string | undefined;
    if (source.databaseUrl) {
      const handle = await openDb({ databaseUrl: source.databaseUrl, migrate: false, max: 1 });
      try {
        migrations = await countAppliedMigrations({ db: handle.db });
      } finally {
        await handle.close();
      }
      const { url, env } = pgConnection(source.databaseUrl);
      pgDump = run("pg_dump", ["--version"], env).trim();
      // One consistent snapshot of the database, taken while the newsroom keeps working.
      run("pg_dump", ["--format=custom", "--no-owner", "--no-privileges", `--file=${path.join(partial, "database.dump")}`, `--dbname=${url}`], env);
    } else {
      if (await isEmptyDir(source.pgliteDir)) throw new BackupError(`no embedded database at ${source.pgliteDir} (set PGLITE_DIR or DATABASE_URL)`);
      const { PGlite } = await import("@electric-sql/pglite");
      const { drizzle } = await import("drizzle-orm/pglite");
      const client = new PGlite(source.pgliteDir, { extensions: await pgliteExtensions() });
      try {
        migrations = await countAppliedMigrations({ db: drizzle(client) as never });
        const dump = await client.dumpDataDir("gzip");
        await writeFile(path.join(partial, "pglite.tar.gz"), Buffer.from(await dump.arrayBuffer()));
      } finally {
        await client.close();
      }
    }
    const uploads = await filesIn(source.uploadsDir);
    if (uploads.files > 0) await cp(source.uploadsDir, path.join(partial, "uploads"), { recursive: true });
    else await mkdir(path.join(partial, "uploads"));
    const manifest: Manifest = {
      format: MANIFEST_FORMAT,
      createdAt: new Date().toISOString(),
      engine,
      database: engine === "postgres" ? "database.dump" : "pglite.tar.gz",
      migrations,
      uploads,
      ...(pgDump ? { pgDump } : {}),
    };
    await writeFile(path.join(partial, "manifest.json"), `${JSON.stringify(manifest, null, 2)}\n`);
    await rm(out, { recursive: true, force: true }); // an empty folder made by the operator
    await rename(partial, out);
    return manifest;
  } catch (error) {
    await rm(partial, { recursive: true, force: true });
    throw error;
  }
}

export async function readManifest(from: string): Promise<Manifest> {
  let manifest: Manifest;
  try {
    manifest = JSON.parse(await readFile(path.join(from, "manifest.json"), "utf8")) as Manifest;
  } catch {
    throw new BackupError(`${from} is not a backup (no readable manifest.json)`);
  }
  if (manifest.format !== MANIFEST_FORMAT) throw new BackupError(`${from}: unknown backup format ${JSON.stringify(manifest.format)}`);
  return manifest;
}

/** Restores the backup in `from` into `target`, which must be empty. Returns the manifest and the migrations applied after. */
export async function restore(from: string, target: Target): Promise<{ manifest: Manifest; migrations: number }> {
  const manifest = await readManifest(from);
  const engine = target.databaseUrl ? "postgres" : "pglite";
  if (manifest.engine !== engine) {
    throw new BackupError(
      `this backup is of ${manifest.engine === "postgres" ? "a PostgreSQL" : "an embedded (PGlite)"} database; restore it with ${manifest.engine === "postgres" ? "DATABASE_URL set" : "DATABASE_URL unset"}`,
    );
  }
  const dump = path.join(from, manifest.database);
  await stat(dump).catch(() => {
    throw new BackupError(`${dump} is missing: the backup is incomplete`);
  });
  if (!(await isEmptyDir(target.uploadsDir)))
    throw new BackupError(`the uploads folder ${target.uploadsDir} is not empty: restore only into an empty instance`);

  if (target.databaseUrl) {
    const handle = await openDb({ databaseUrl: target.databaseUrl, migrate: false, max: 1 });
    try {
      const tables = await countUserTables({ db: handle.db });
      if (tables > 0) throw new BackupError(`the database at DATABASE_URL is not empty (${tables} tables): restore only into an empty database`);
    } finally {
      await handle.close();
    }
    const { url, env } = pgConnection(target.databaseUrl);
    run("pg_restore", ["--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction", `--dbname=${url}`, dump], env);
  } else {
    if (!(await isEmptyDir(target.pgliteDir)))
      throw new BackupError(`the embedded database folder ${target.pgliteDir} is not empty: restore only into an empty instance (a new PGLITE_DIR)`);
    const { PGlite } = await import("@electric-sql/pglite");
    await mkdir(path.dirname(path.resolve(target.pgliteDir)), { recursive: true });
    try {
      const client = new PGlite(target.pgliteDir, { extensions: await pgliteExtensions(), loadDataDir: new Blob([new Uint8Array(await readFile(dump))]) });
      await client.waitReady;
      await client.close();
    } catch (error) {
      await rm(target.pgliteDir, { recursive: true, force: true });
      throw new BackupError(`the embedded database could not be restored: ${(error as Error).message}`);
    }
  }

  const uploads = path.join(from, "uploads");
  if ((await filesIn(uploads)).files > 0) await cp(uploads, target.uploadsDir, { recursive: true });
  // Bring a backup of an older version up to this one.
  const handle = await openDb({ databaseUrl: target.databaseUrl, pgliteDir: target.pgliteDir, migrate: true, max: 1 });
  try {
    return { manifest, migrations: await countAppliedMigrations({ db: handle.db }) };
  } finally {
    await handle.close();
  }
}
