import "server-only";

import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { getTableColumns, getTableName } from "drizzle-orm";
import type { PgTable } from "drizzle-orm/pg-core";

import type { Db } from "@/db";
import { clearForImport, countRows, existingUsersByEmail, insertRows, listRows, resetSerial } from "@/db/queries/export";
import * as s from "@/db/schema";
import { renditionKeys } from "@/lib/images/variants";
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

/** The whole newsroom as one JSON document; uploaded images it refers to go to `imagesDir`. */
export async function exportJson(
  db: Db,
  opts: { imagesDir?: string | null; storage?: Storage } = {},
): Promise<{ file: ExportFile; images: number; missingImages: string[] }> {
  const tables: ExportFile["tables"] = {};
  for (const { table, omit = [] } of TABLES) {
    const rows = await listRows({ db, table });
    tables[getTableName(table)] = rows.map((r) => Object.fromEntries(Object.entries(r).filter(([k]) => !omit.includes(k))));
  }
  const file: ExportFile = { format: EXPORT_FORMAT, version: EXPORT_VERSION, exportedAt: new Date().toISOString(), tables };
  let images = 0;
  const missingImages: string[] = [];
  if (opts.imagesDir) {
    await mkdir(opts.imagesDir, { recursive: true });
    for (const key of uploadKeys(JSON.stringify(tables))) {
      const got = await (opts.storage ?? getStorage()).get(key);
      if (!got) {
        missingImages.push(key);
        continue;
      }
      await writeFile(path.join(opts.imagesDir, key), got.data);
      images++;
    }
  }
  return { file, images, missingImages };
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

/**
 * Loads a newsroom export into an instance that has no articles yet (a fresh install, maybe with
 * its first admin): rows keep their ids, so every address and every page comes out the same. A
 * user already here with the same e-mail is the exported one (their id is rewritten). Imported
 * users have no password: they are invited or reset their password. One transaction: all or nothing.
 */
export async function importJson(
  db: Db,
  text: string,
  opts: { imagesDir?: string | null; storage?: Storage } = {},
): Promise<{ rows: number; images: number; matchedUsers: { exported: string; here: string }[] }> {
  let file: ExportFile;
  try {
    file = JSON.parse(text) as ExportFile;
  } catch {
    throw new ExportFormatError("This is not a newsroom export: the file is not JSON (or it is truncated).");
  }
  if (file?.format !== EXPORT_FORMAT || typeof file.tables !== "object")
    throw new ExportFormatError('This is not a newsroom export (no "format": "newsroom-export").');
  if (file.version > EXPORT_VERSION)
    throw new ExportFormatError(`This export is version ${file.version}; this newsroom reads up to version ${EXPORT_VERSION}. Update it first.`);
  if ((await countRows({ db, table: s.articles })) > 0)
    throw new ExportFormatError("This newsroom already has articles: a newsroom export is loaded into an empty instance only.");

  const exportedUsers = (file.tables.users ?? []) as { id: string; email: string }[];
  const here = await existingUsersByEmail({ db, emails: exportedUsers.map((u) => u.email) });
  const remap = new Map<string, string>();
  for (const u of exportedUsers) {
    const mine = here.get(u.email.toLowerCase());
    if (mine) remap.set(u.id, mine);
  }
  let tablesText = JSON.stringify(file.tables);
  for (const [from, to] of remap) tablesText = tablesText.split(from).join(to);
  const tables = JSON.parse(tablesText) as ExportFile["tables"];

  let rows = 0;
  await db.transaction(async (tx) => {
    for (const { table, serial } of TABLES) {
      const name = getTableName(table);
      let list = tables[name] ?? [];
      if (table === s.users) list = list.filter((u) => !remap.has(String(u.id)) && ![...remap.values()].includes(String(u.id)));
      if (table === s.authorProfiles && remap.size) await clearForImport({ db: tx, table: "author_profiles", userIds: [...remap.values()] });
      if (table === s.siteSettings) await clearForImport({ db: tx, table: "site_settings" });
      const values = list.map((r) => revive(table, table === s.users ? { ...r, passwordHash: null } : r));
      await insertRows({ db: tx, table, rows: values });
      if (serial) await resetSerial({ db: tx, table: name, column: serial });
      rows += values.length;
    }
  });

  let images = 0;
  if (opts.imagesDir) {
    for (const key of uploadKeys(tablesText)) {
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
