import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";

import { openDb, type Handle } from "@/db";
import { getPublishedArticleBySlug, listPublishedArticles, listSectionFronts } from "@/db/queries/public";
import { sections } from "@/db/schema";
import { demoPasswords, seedDemo } from "@/lib/demo/seed";
import { dbDigest } from "@/testing/db-digest";
import { adminQuery, withDatabase } from "@/testing/pg-admin";

/**
 * `npm run backup` then `npm run restore` (the real scripts, as an operator runs them) on a seeded
 * newsroom with uploads: the restored instance has the same newsroom data (every table's rows),
 * the same public pages' data and the same files, and takes new writes; a restore onto anything
 * but an empty instance is refused and changes nothing. Both engines.
 */
const template = inject("dbTemplate");
const engine = template.engine;
const id = randomBytes(5).toString("hex");
const root = path.join(process.cwd(), ".tmp", `backup-test-${id}`);
const made: string[] = []; // PostgreSQL databases to drop

type Instance = { databaseUrl?: string; pgliteDir: string; uploadsDir: string };
async function newInstance(name: string): Promise<Instance> {
  const dirs = { pgliteDir: path.join(root, name, "pglite"), uploadsDir: path.join(root, name, "uploads") };
  if (engine !== "postgres") return dirs;
  const db = `newsroom_bk_${id}_${name}`;
  await adminQuery(template.adminUrl, `CREATE DATABASE ${db}`);
  made.push(db);
  return { ...dirs, databaseUrl: withDatabase(template.adminUrl, db) };
}
const open = (i: Instance, migrate = false) => openDb({ databaseUrl: i.databaseUrl, pgliteDir: i.pgliteDir, migrate, max: 2 });

function npm(script: "backup" | "restore", args: string[], i: Instance) {
  const env: NodeJS.ProcessEnv = { ...process.env, UPLOADS_DIR: i.uploadsDir, PGLITE_DIR: i.pgliteDir };
  if (i.databaseUrl) env.DATABASE_URL = i.databaseUrl;
  else delete env.DATABASE_URL;
  const r = spawnSync("npm", ["run", "--silent", script, "--", ...args], { env, encoding: "utf8", timeout: 120_000 });
  return { status: r.status, out: `${r.stdout}${r.stderr}` };
}

/** What readers see: the home page's list, the section fronts and each article page's data. */
async function publicData(db: Handle["db"]) {
  const list = await listPublishedArticles({ db, limit: 100 });
  const pages = await Promise.all(list.map((a) => getPublishedArticleBySlug({ db, slug: a.slug })));
  return { list, fronts: await listSectionFronts({ db, perSection: 5 }), pages };
}
const files = (dir: string) =>
  Object.fromEntries(
    readdirSync(dir)
      .sort()
      .map((f) => [f, readFileSync(path.join(dir, f)).toString("base64")]),
  );

let source: Instance;
let before: { digest: Record<string, string>; public: Awaited<ReturnType<typeof publicData>> };
const backupDir = path.join(root, "backup");

beforeAll(async () => {
  source = await newInstance("source");
  const handle = await open(source, true);
  await seedDemo(handle.db, demoPasswords("admin=pw-admin-1,editor=pw-editor-1"));
  mkdirSync(source.uploadsDir, { recursive: true });
  writeFileSync(path.join(source.uploadsDir, "a1b2c3.webp"), randomBytes(2048));
  writeFileSync(path.join(source.uploadsDir, "d4e5f6.png"), randomBytes(512));
  before = { digest: await dbDigest(handle.db), public: await publicData(handle.db) };
  await handle.close(); // the embedded database has one owner at a time: the app is stopped for a backup
}, 180_000);

afterAll(async () => {
  if (template.engine === "postgres") for (const db of made) await adminQuery(template.adminUrl, `DROP DATABASE IF EXISTS ${db} WITH (FORCE)`);
  rmSync(root, { recursive: true, force: true });
});

describe(`backup and restore (${engine})`, () => {
  it("backs up the database and the uploads into one folder", { timeout: 120_000 }, () => {
    const r = npm("backup", ["--out", backupDir], source);
    expect(r.out).toContain("Backup written to");
    expect(r.status).toBe(0);
    const manifest = JSON.parse(readFileSync(path.join(backupDir, "manifest.json"), "utf8"));
    expect(manifest).toMatchObject({ format: "newsroom-backup/1", engine, uploads: { files: 2, bytes: 2560 } });
    expect(manifest.migrations).toBeGreaterThan(0);
    expect(readdirSync(backupDir).sort()).toEqual([engine === "postgres" ? "database.dump" : "pglite.tar.gz", "manifest.json", "uploads"].sort());
    if (engine === "postgres") expect(readFileSync(path.join(backupDir, "database.dump")).subarray(0, 5).toString()).toBe("PGDMP"); // custom format
    expect(readdirSync(root)).not.toContain("backup.partial");
    // Never over an existing backup.
    const again = npm("backup", ["--out", backupDir], source);
    expect(again.status).toBe(1);
    expect(again.out).toContain("not empty");
  });

  it("restores into an empty instance: same newsroom data, same public pages, same files, and it takes new writes", { timeout: 180_000 }, async () => {
    const target = await newInstance("target");
    const r = npm("restore", [backupDir], target);
    expect(r.out).toContain("Restored the backup");
    expect(r.status).toBe(0);
    const handle = await open(target);
    try {
      expect(await dbDigest(handle.db)).toEqual(before.digest);
      const restored = await publicData(handle.db);
      expect(restored.list.length).toBeGreaterThan(0);
      expect(restored).toEqual(before.public);
      expect(files(target.uploadsDir)).toEqual(files(source.uploadsDir));
      // Sequences came back too: a new row does not collide with a restored one.
      await handle.db.insert(sections).values({ name: "After restore", slug: `after-restore-${id}` });
    } finally {
      await handle.close();
    }

    // Restoring again onto it (now not empty) is refused and changes nothing.
    const handleBefore = await open(target);
    const digest = await dbDigest(handleBefore.db);
    await handleBefore.close();
    const refused = npm("restore", [backupDir], target);
    expect(refused.status).toBe(1);
    expect(refused.out).toMatch(/Restore refused: .*not empty/);
    const handleAfter = await open(target);
    expect(await dbDigest(handleAfter.db)).toEqual(digest);
    await handleAfter.close();
  });

  it("refuses a target whose database or uploads folder is not empty, and a folder that is not a backup", { timeout: 120_000 }, async () => {
    // An empty database but files in the uploads folder.
    const withFiles = await newInstance("files");
    mkdirSync(withFiles.uploadsDir, { recursive: true });
    writeFileSync(path.join(withFiles.uploadsDir, "someone-elses.webp"), "x");
    const r1 = npm("restore", [backupDir], withFiles);
    expect(r1.status).toBe(1);
    expect(r1.out).toMatch(/uploads folder .* is not empty/);
    // A database that was migrated (a fresh install already started once): not empty either.
    const migrated = await newInstance("migrated");
    await (await open(migrated, true)).close();
    const r2 = npm("restore", [backupDir], migrated);
    expect(r2.status).toBe(1);
    expect(r2.out).toMatch(/not empty/);
    const r3 = npm("restore", [path.join(root, "source")], await newInstance("nothing"));
    expect(r3.status).toBe(1);
    expect(r3.out).toContain("is not a backup");
  });
});
