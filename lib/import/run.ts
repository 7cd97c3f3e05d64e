import "server-only";

import type { Db } from "@/db";

import { Importer } from "./apply";
import type { ImportReport } from "./report";
import { readWxrChannel, readWxrPosts, wxrArchives } from "./wordpress";

export type RunOptions = {
  dryRun?: boolean;
  uploadsDir?: string | null;
  batchSize?: number;
  onStart?: (total: number) => void;
  onProgress?: (done: number) => void;
};

/** A WordPress export into the newsroom (see lib/import/wordpress.ts and apply.ts). */
export async function importWordpress(db: Db, file: string, opts: RunOptions = {}): Promise<ImportReport> {
  const channel = await readWxrChannel(file);
  opts.onStart?.(channel.posts);
  const importer = new Importer(db, {
    source: "wordpress",
    dryRun: opts.dryRun,
    uploadsDir: opts.uploadsDir,
    batchSize: opts.batchSize,
    authors: channel.authors,
    onProgress: opts.onProgress,
  });
  await readWxrPosts(file, channel, (posts) => importer.add(posts));
  await importer.flush();
  await importer.importArchives(wxrArchives(channel));
  const other = [...channel.itemTypes].filter(([t]) => t !== "post" && t !== "attachment");
  for (const [type, n] of other) importer.report.skip("-", `${n} item(s) of type “${type}”`, "only posts are imported");
  return importer.report;
}
