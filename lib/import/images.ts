import "server-only";

import { readFile, stat } from "node:fs/promises";
import path from "node:path";
import { and, eq, inArray } from "drizzle-orm";

import type { Tx } from "@/db";
import { getImportSource, upsertImportSource } from "@/db/queries/import";
import { importSources } from "@/db/schema";
import { MAX_IMAGE_BYTES } from "@/lib/images/limits";
import { storeImage } from "@/lib/images/upload";

import { decodeURIComponentSafe } from "./html-to-tiptap";
import type { ImportSourceName } from "./model";

export type ImageOutcome = { url: string } | { problem: string } | null;
/** What reading and storing a file gave, before anything is written to the database. */
type Stored = { url: string; size: number } | { problem: string } | null;

/** Images encoded at once in the background (sharp works on libuv's threads, one core each here). */
const UPLOAD_CONCURRENCY = 2;
/** Addresses looked up at once in import_sources. */
const LOOKUP_CHUNK = 500;

/** `…/wp-content/uploads/2024/03/a.jpg` → `2024/03/a.jpg` (null when it is not an upload). */
export function uploadsRelative(src: string): string | null {
  const m = /\/wp-content\/uploads\/([^?#]+)/.exec(src) ?? /\/content\/images\/([^?#]+)/.exec(src);
  if (!m) return null;
  const rel = path.posix.normalize(decodeURIComponentSafe(m[1]));
  return rel.startsWith("..") || path.posix.isAbsolute(rel) ? null : rel;
}

/**
 * Copies images of the old site from its uploads folder through the normal upload pipeline
 * (type sniffed from the bytes, re-encoded, size-limited). Each file is uploaded once: the
 * address it got is kept in import_sources, so a second run reuses it.
 *
 * `prefetch` starts the uploads of posts that are queued but not yet written, a few at a time,
 * so that the encoding (the slow part: a WebP and nine renditions per image) runs on other cores
 * while the database writes the batch before; `resolve`, inside the batch's transaction, waits
 * for the file and records it. Files stored for a batch that then fails are left unreferenced,
 * as before (the next run uploads them again).
 */
export class UploadsFolder {
  /** Outcome per file, as recorded in the current or an earlier (committed) transaction. */
  private readonly done = new Map<string, ImageOutcome>();
  /** Files already uploaded by an earlier run, found by `prefetch`. */
  private readonly known = new Map<string, string>();
  /** Background uploads (no database work), by file. */
  private readonly started = new Map<string, Promise<Stored>>();
  private running = 0;
  private readonly queue: (() => void)[] = [];
  private aborted = false;

  constructor(
    /** null: no folder this run, but images uploaded by an earlier run are still used. */
    private readonly dir: string | null,
    private readonly source: ImportSourceName,
    private readonly dryRun: boolean,
  ) {}

  /**
   * Starts uploading the files behind these addresses. Call outside any transaction (it reads
   * import_sources on `db` to leave alone what an earlier run uploaded).
   */
  async prefetch(db: Tx, srcs: Iterable<string>): Promise<void> {
    if (!this.dir || this.dryRun) return;
    const rels = [...new Set([...srcs].map(uploadsRelative).filter((r): r is string => r !== null))].filter(
      (r) => !this.done.has(r) && !this.known.has(r) && !this.started.has(r),
    );
    for (let i = 0; i < rels.length; i += LOOKUP_CHUNK) {
      const chunk = rels.slice(i, i + LOOKUP_CHUNK);
      const rows = await db
        .select({ externalId: importSources.externalId, targetId: importSources.targetId })
        .from(importSources)
        .where(and(eq(importSources.source, this.source), eq(importSources.kind, "image"), inArray(importSources.externalId, chunk)));
      for (const r of rows) this.known.set(r.externalId, r.targetId);
      for (const rel of chunk) {
        if (this.known.has(rel)) continue;
        const upload = this.limited(() => this.store(rel));
        upload.catch(() => {}); // awaited (and thrown) by `resolve`; not an unhandled rejection meanwhile
        this.started.set(rel, upload);
      }
    }
  }

  async resolve(db: Tx, src: string): Promise<ImageOutcome> {
    const rel = uploadsRelative(src);
    if (!rel) return null;
    if (this.done.has(rel)) return this.done.get(rel)!;
    const outcome = await this.upload(db, rel);
    this.done.set(rel, outcome);
    return outcome;
  }

  /** Forget what was learnt in a batch that did not commit. */
  reset(): void {
    this.done.clear();
  }

  /** The import stops: uploads not yet begun never start (those running finish, unrecorded). */
  abort(): void {
    this.reset();
    this.aborted = true;
    this.started.clear();
    for (const go of this.queue.splice(0)) go();
  }

  private async upload(db: Tx, rel: string): Promise<ImageOutcome> {
    const key = { source: this.source, kind: "image" as const, externalId: rel };
    const background = this.started.get(rel);
    this.started.delete(rel);
    const earlier = this.known.get(rel);
    if (earlier) return { url: earlier };
    if (!background) {
      const known = await getImportSource({ db, key });
      if (known) return { url: known.targetId };
    }
    const stored = await (background ?? this.store(rel));
    if (!stored || "problem" in stored) return stored;
    if (!this.dryRun) await upsertImportSource({ db, key, targetId: stored.url, contentHash: String(stored.size) });
    return { url: stored.url };
  }

  /** Reads the file and stores it through the upload pipeline; touches no database. */
  private async store(rel: string): Promise<Stored> {
    if (!this.dir) return null;
    const file = path.join(this.dir, rel);
    let size: number;
    try {
      const info = await stat(file);
      if (!info.isFile()) return null;
      size = info.size;
    } catch {
      return null;
    }
    // Checked before reading, so a 2 GB file is never loaded.
    if (size > MAX_IMAGE_BYTES) return { problem: `image ${rel} is larger than ${MAX_IMAGE_BYTES / 1024 / 1024} MB` };
    if (this.dryRun) return { url: `/uploads/dry-run-${rel.replace(/[^A-Za-z0-9.-]/g, "-")}`, size };
    const bytes = await readFile(file);
    const stored = await storeImage({
      size,
      arrayBuffer: async () => bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer,
    });
    if (!stored.ok) return { problem: `image ${rel}: ${stored.error}` };
    return { url: stored.url, size };
  }

  /** Runs `work` when fewer than UPLOAD_CONCURRENCY uploads are running. */
  private async limited(work: () => Promise<Stored>): Promise<Stored> {
    if (this.running >= UPLOAD_CONCURRENCY) await new Promise<void>((go) => this.queue.push(go));
    if (this.aborted) return null;
    this.running++;
    try {
      return await work();
    } finally {
      this.running--;
      this.queue.shift()?.();
    }
  }
}
