import "server-only";

import { createReadStream } from "node:fs";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { Readable } from "node:stream";
import { getTableColumns, getTableName } from "drizzle-orm";
import type { PgTable } from "drizzle-orm/pg-core";

import type { Db } from "@/db";
import { clearForImport, countRows, existingUsersByEmail, insertRows, listRows, listRowsAfter, resetSerial } from "@/db/queries/export";
import * as s from "@/db/schema";
import { renditionKeys } from "@/lib/images/variants";
import { JsonInputError, scanJsonObjects, type JsonStack } from "@/lib/import/json-objects";
import { getStorage, type Storage } from "@/lib/storage";
import { contentTypeOf, isStorageKey } from "@/lib/storage/keys";

export const EXPORT_FORMAT = "newsroom-export";
export const EXPORT_VERSION = 1;

/**
 * What the export holds, in the order an import writes it (foreign keys first). The public site
 * is made of these rows only; secrets (password hashes, session versions, tokens, sign-in
 * attempts) and the newsroom's working state (presence, notifications, outboxes) stay out.
 */
const TABLES: { table: PgTable; omit?: string[]; serial?: string }[] = [
  { table: s.siteSettings },
  { table: s.sections, serial: "id" },
  { table: s.tags, serial: "id" },
  { table: s.users, omit: ["passwordHash", "sessionVersion"] },
  { table: s.authorProfiles },
  { table: s.media },
  { table: s.articles, omit: ["lastSaveId", "lastSaveVersion"] },
  { table: s.articleRevisions, serial: "id" },
  { table: s.articleAuthors },
  { table: s.publishedArticleAuthors },
  { table: s.articleTags },
  { table: s.publishedArticleTags },
  { table: s.corrections, serial: "id" },
  { table: s.slugRedirects },
  { table: s.publicSlugRedirects },
  { table: s.legacyRedirects },
];

export type ExportFile = { format: typeof EXPORT_FORMAT; version: number; exportedAt: string; tables: Record<string, Record<string, unknown>[]> };

/** Rows read per query: the tables that grow with the archive (articles, revisions…) are never held whole. */
const PAGE_ROWS = 500;

/** The table's rows, a page at a time when it has a one-column primary key (every table that grows with the archive), else at once. */
async function* rowPages(db: Db, table: PgTable, pageRows: number): AsyncGenerator<Record<string, unknown>[]> {
  const key = Object.entries(getTableColumns(table)).filter(([, c]) => c.primary);
  if (key.length !== 1) {
    yield await listRows({ db, table });
    return;
  }
  const [property, column] = key[0];
  let after: unknown = undefined;
  for (;;) {
    const rows = await listRowsAfter({ db, table, column, after, limit: pageRows });
    if (rows.length) yield rows;
    if (rows.length < pageRows) return;
    after = rows[rows.length - 1][property];
  }
}

/**
 * The whole newsroom as one JSON document, written a row at a time to `write` (awaited: a file's
 * back-pressure holds the reading), so that an archive of any size is never one string; uploaded
 * images it refers to go to `imagesDir`. The document is `{ format, version, exportedAt, tables:
 * { <table>: [rows…] } }`, tables in the order an import writes them.
 */
export async function writeExportJson(
  db: Db,
  write: (chunk: string) => Promise<void> | void,
  opts: { imagesDir?: string | null; storage?: Storage; pageRows?: number } = {},
): Promise<{ counts: Record<string, number>; images: number; missingImages: string[] }> {
  const counts: Record<string, number> = {};
  const keys = new Set<string>();
  await write(`{"format":${JSON.stringify(EXPORT_FORMAT)},"version":${EXPORT_VERSION},"exportedAt":${JSON.stringify(new Date().toISOString())},"tables":{`);
  for (const [i, { table, omit = [] }] of TABLES.entries()) {
    const name = getTableName(table);
    await write(`${i ? "," : ""}\n${JSON.stringify(name)}:[`);
    let n = 0;
    for await (const rows of rowPages(db, table, opts.pageRows ?? PAGE_ROWS)) {
      let chunk = "";
      for (const r of rows) {
        const text = JSON.stringify(Object.fromEntries(Object.entries(r).filter(([k]) => !omit.includes(k))));
        for (const k of uploadKeys(text)) keys.add(k);
        chunk += `${n++ ? "," : ""}\n${text}`;
      }
      await write(chunk);
    }
    counts[name] = n;
    await write("]");
  }
  await write("\n}}\n");
  let images = 0;
  const missingImages: string[] = [];
  if (opts.imagesDir) {
    await mkdir(opts.imagesDir, { recursive: true });
    for (const key of keys) {
      const got = await (opts.storage ?? getStorage()).get(key);
      if (!got) {
        missingImages.push(key);
        continue;
      }
      await writeFile(path.join(opts.imagesDir, key), got.data);
      images++;
    }
  }
  return { counts, images, missingImages };
}

/** The export as one object (tests and small newsrooms): `writeExportJson` into memory. */
export async function exportJson(
  db: Db,
  opts: { imagesDir?: string | null; storage?: Storage; pageRows?: number } = {},
): Promise<{ file: ExportFile; images: number; missingImages: string[] }> {
  const chunks: string[] = [];
  const r = await writeExportJson(db, (c) => void chunks.push(c), opts);
  return { file: JSON.parse(chunks.join("")) as ExportFile, images: r.images, missingImages: r.missingImages };
}

/**
 * Every uploaded file (`/uploads/<key>`) the content refers to, with the renditions made beside
 * each image at upload (lib/images/variants.ts: the pages' `srcset` names them from the address).
 */
export function uploadKeys(text: string): string[] {
  // Our addresses are exactly "/uploads/<key>" (a JSON string, or an attribute inside one); an old
  // site's "/wp-content/uploads/2024/03/…" is not one of ours.
  const referenced = [...new Set([...text.matchAll(/"\/uploads\/([A-Za-z0-9._-]+)(?=["\\])/g)].map((m) => m[1]))];
  return [...new Set(referenced.flatMap((k) => [k, ...renditionKeys(k)]))].filter((k) => isStorageKey(k));
}

export class ExportFormatError extends Error {
  override name = "ExportFormatError";
}

type Row = Record<string, unknown>;
/** Where an export's bytes come from: called once per pass over them. */
export type ExportSource = () => Readable;

const NOT_JSON = "This is not a newsroom export: the file is not JSON (or it is truncated).";

/** `format` and `version`, from the start of the file (both exporters write them first, before the tables). */
async function readHeader(source: ExportSource): Promise<{ format: string | null; version: number | null }> {
  let head = "";
  for await (const chunk of source()) {
    head += typeof chunk === "string" ? chunk : (chunk as Buffer).toString("utf8");
    if (head.length >= 4096 || head.includes('"tables"')) break;
  }
  const before = head.split('"tables"')[0];
  if (!/^\s*\{/.test(before)) throw new ExportFormatError(NOT_JSON);
  return {
    format: /"format"\s*:\s*"([^"\\]*)"/.exec(before)?.[1] ?? null,
    version: Number(/"version"\s*:\s*(\d+)/.exec(before)?.[1] ?? NaN) || null,
  };
}

/**
 * The rows of `tables.<name>[]`, in file order, one at a time (lib/import/json-objects.ts); awaited.
 * Throws ExportFormatError when the file is not JSON or ends early; what `onRow` throws goes out as it is.
 */
async function scanRows(source: ExportSource, onRow: (table: string, row: Row) => Promise<void> | void): Promise<void> {
  const pick = (stack: JsonStack) =>
    stack.length === 3 && stack[0] === "tables" && typeof stack[1] === "string" && typeof stack[2] === "number" ? stack[1] : null;
  try {
    await scanJsonObjects(source(), pick, onRow);
  } catch (error) {
    if (!(error instanceof JsonInputError) || error.code === "ENOENT") throw error;
    throw new ExportFormatError(NOT_JSON);
  }
}

/**
 * Loads a newsroom export into an instance that has no articles yet (a fresh install, maybe with
 * its first admin): rows keep their ids, so every address and every page comes out the same. A
 * user already here with the same e-mail is the exported one (their id is rewritten). Imported
 * users have no password: they are invited or reset their password. One transaction: all or nothing.
 *
 * The file is read as a stream, twice, never whole: a first pass proves it complete JSON and
 * reads who the exported users are; the second writes the rows, a few hundred at a time.
 */
export async function importJsonFrom(
  db: Db,
  source: ExportSource,
  opts: { imagesDir?: string | null; storage?: Storage } = {},
): Promise<{ rows: number; images: number; matchedUsers: { exported: string; here: string }[] }> {
  const header = await readHeader(source);
  if (header.format !== EXPORT_FORMAT) throw new ExportFormatError('This is not a newsroom export (no "format": "newsroom-export").');
  if ((header.version ?? 0) > EXPORT_VERSION)
    throw new ExportFormatError(`This export is version ${header.version}; this newsroom reads up to version ${EXPORT_VERSION}. Update it first.`);

  // First pass: the whole file parses, and who its users are.
  const exportedUsers: { id: string; email: string }[] = [];
  await scanRows(source, (table, row) => {
    if (table === "users") exportedUsers.push({ id: String(row.id), email: String(row.email ?? "") });
  });
  if ((await countRows({ db, table: s.articles })) > 0)
    throw new ExportFormatError("This newsroom already has articles: a newsroom export is loaded into an empty instance only.");
  const here = await existingUsersByEmail({ db, emails: exportedUsers.map((u) => u.email) });
  const remap = new Map<string, string>();
  for (const u of exportedUsers) {
    const mine = here.get(u.email.toLowerCase());
    if (mine) remap.set(u.id, mine);
  }
  const mapped = new Set(remap.values());
  const byName = new Map(TABLES.map((t) => [getTableName(t.table), t]));

  let rows = 0;
  const keys = new Set<string>();
  await db.transaction(async (tx) => {
    // Tables are written in TABLES order (the file's): each one's set-up before its first row,
    // its serial reset after its last, and those of tables the file leaves empty in between.
    let next = 0;
    let batch: { table: PgTable; rows: Row[] } | null = null;
    const flush = async () => {
      if (batch?.rows.length) await insertRows({ db: tx, table: batch.table, rows: batch.rows });
      if (batch) rows += batch.rows.length;
      batch = null;
    };
    const open = async (entry: (typeof TABLES)[number]) => {
      if (entry.table === s.authorProfiles && remap.size) await clearForImport({ db: tx, table: "author_profiles", userIds: [...mapped] });
      if (entry.table === s.siteSettings) await clearForImport({ db: tx, table: "site_settings" });
    };
    const close = async (entry: (typeof TABLES)[number]) => {
      await flush();
      if (entry.serial) await resetSerial({ db: tx, table: getTableName(entry.table), column: entry.serial });
    };
    /** Every table up to `name` (included) opened, the ones before it closed. */
    const reach = async (name: string | null) => {
      while (next < TABLES.length) {
        const entry = TABLES[next];
        if (batch && batch.table === entry.table) {
          if (getTableName(entry.table) === name) return entry;
          await close(entry);
          next++;
          continue;
        }
        await open(entry);
        if (getTableName(entry.table) === name) {
          batch = { table: entry.table, rows: [] };
          return entry;
        }
        await close(entry);
        next++;
      }
      return null;
    };
    await scanRows(source, async (name, raw) => {
      if (!byName.has(name)) return;
      const entry = await reach(name);
      if (!entry) throw new ExportFormatError(`This export's tables are not in the order this newsroom writes them ("${name}" comes too late).`);
      let text = JSON.stringify(raw);
      for (const [from, to] of remap) text = text.split(from).join(to);
      for (const k of uploadKeys(text)) keys.add(k);
      const row = JSON.parse(text) as Row;
      if (entry.table === s.users && (remap.has(String(raw.id)) || mapped.has(String(row.id)))) return;
      batch!.rows.push(revive(entry.table, entry.table === s.users ? { ...row, passwordHash: null } : row));
      if (batch!.rows.length >= PAGE_ROWS) {
        await insertRows({ db: tx, table: entry.table, rows: batch!.rows });
        rows += batch!.rows.length;
        batch!.rows = [];
      }
    });
    await reach(null);
  });

  let images = 0;
  if (opts.imagesDir) {
    for (const key of keys) {
      let data: Buffer;
      try {
        data = await readFile(path.join(opts.imagesDir, key));
      } catch {
        continue;
      }
      await (opts.storage ?? getStorage()).put(key, data, contentTypeOf(key));
      images++;
    }
  }
  return { rows, images, matchedUsers: [...remap].map(([exported, here]) => ({ exported, here })) };
}

/** An export held in memory (tests, small files). */
export function importJson(db: Db, text: string, opts: { imagesDir?: string | null; storage?: Storage } = {}) {
  return importJsonFrom(db, () => Readable.from([text]), opts);
}

/** An export file, streamed. */
export function importJsonFile(db: Db, file: string, opts: { imagesDir?: string | null; storage?: Storage } = {}) {
  return importJsonFrom(db, () => createReadStream(file), opts);
}

/** JSON → the column types drizzle expects (dates). */
function revive(table: PgTable, row: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const columns = getTableColumns(table) as Record<string, { columnType: string }>;
  for (const [key, value] of Object.entries(row)) {
    const col = columns[key];
    if (!col) continue;
    out[key] = col.columnType === "PgTimestamp" && typeof value === "string" ? new Date(value) : value;
  }
  return out;
}
