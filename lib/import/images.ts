import "server-only";

import { readFile, stat } from "node:fs/promises";
import path from "node:path";

import type { Tx } from "@/db";
import { getImportSource, upsertImportSource } from "@/db/queries/import";
import { MAX_IMAGE_BYTES } from "@/lib/images/limits";
import { storeImage } from "@/lib/images/upload";

import { decodeURIComponentSafe } from "./html-to-tiptap";
import type { ImportSourceName } from "./model";

export type ImageOutcome = { url: string } | { problem: string } | null;

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
 */
export class UploadsFolder {
  private readonly done = new Map<string, ImageOutcome>();
  constructor(
    /** null: no folder this run, but images uploaded by an earlier run are still used. */
    private readonly dir: string | null,
    private readonly source: ImportSourceName,
    private readonly dryRun: boolean,
  ) {}

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

  private async upload(db: Tx, rel: string): Promise<ImageOutcome> {
    const key = { source: this.source, kind: "image" as const, externalId: rel };
    const known = await getImportSource({ db, key });
    if (known) return { url: known.targetId };
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
    if (this.dryRun) return { url: `/uploads/dry-run-${rel.replace(/[^A-Za-z0-9.-]/g, "-")}` };
    const bytes = await readFile(file);
    const stored = await storeImage({
      size,
      arrayBuffer: async () => bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer,
    });
    if (!stored.ok) return { problem: `image ${rel}: ${stored.error}` };
    await upsertImportSource({ db, key, targetId: stored.url, contentHash: String(size) });
    return { url: stored.url };
  }
}
