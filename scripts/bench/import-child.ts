/**
 * One WordPress import in a process of its own, for its rate and its peak memory:
 *   tsx --conditions=react-server scripts/bench/import-child.ts FILE.xml [--uploads DIR]
 * on the database of DATABASE_URL, else PGLITE_DIR (migrated first). Prints one JSON line:
 * the report's counts, seconds, posts/s and the process's peak resident set (getrusage maxrss),
 * which is what proves the file is streamed (bench step "import", lib/import/bulk.int.test.ts).
 * With --read-only, only the two streaming passes of the reader run (no database is opened), keeping
 * each post's title and GUID as an import does; with --read-only --ghost, those of the Ghost reader.
 */
import { statSync } from "node:fs";
import path from "node:path";

const [file, ...rest] = process.argv.slice(2);
const uploadsAt = rest.indexOf("--uploads");
const uploadsDir = uploadsAt >= 0 ? path.resolve(rest[uploadsAt + 1]) : null;
const peakRssMB = () => process.resourceUsage().maxRSS / 1024; // getrusage's maxrss is in kilobytes on Linux
const fileMB = statSync(file).size / 2 ** 20;
if (rest.includes("--read-only")) {
  // Only the reader's modules (sax for WXR, stream-json for Ghost), so the figures are the reading's own.
  type Post = { html: string; title: string; externalId: string };
  type Read = (onBatch: (batch: Post[]) => Promise<void>) => Promise<unknown>;
  let read: Read;
  if (rest.includes("--ghost")) {
    const { readGhostContext, readGhostPosts } = await import("@/lib/import/ghost");
    read = async (onBatch) => readGhostPosts(file, await readGhostContext(file), onBatch);
  } else {
    const { readWxrChannel, readWxrPosts } = await import("@/lib/import/wordpress");
    read = async (onBatch) => readWxrPosts(file, await readWxrChannel(file), onBatch);
  }
  const rssBefore = process.memoryUsage().rss;
  const started = performance.now();
  let posts = 0;
  let bodyBytes = 0;
  // What an import keeps of every post to its end (the GUIDs seen, the titles of its report):
  // kept here too, so a string that holds on to the file's chunk it was cut from shows.
  const kept: string[] = [];
  await read(async (batch) => {
    posts += batch.length;
    for (const p of batch) {
      bodyBytes += p.html.length;
      kept.push(p.title, p.externalId);
    }
  });
  const seconds = (performance.now() - started) / 1000;
  console.log(
    JSON.stringify({ posts, kept: kept.length, bodyMB: bodyBytes / 2 ** 20, seconds, fileMB, rssBeforeMB: rssBefore / 2 ** 20, peakRssMB: peakRssMB() }),
  );
  process.exit(0);
}
const { openDb } = await import("@/db");
const { importWordpress } = await import("@/lib/import/run");
const handle = await openDb();
const rssBefore = process.memoryUsage().rss;
const started = performance.now();
const cpuBefore = process.cpuUsage();
try {
  const report = await importWordpress(handle.db, file, { uploadsDir });
  const seconds = (performance.now() - started) / 1000;
  // User + system CPU of the whole process (its threads too: sharp encodes on libuv's), which a
  // shared machine's load does not inflate the way it does the elapsed time.
  const cpu = process.cpuUsage(cpuBefore);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  const imported = report.created + report.updated + report.unchanged;
  console.log(
    JSON.stringify({
      created: report.created,
      updated: report.updated,
      unchanged: report.unchanged,
      skipped: report.skipped.length,
      droppedPosts: report.dropped.length,
      uploadedImages: report.uploadedImages,
      externalImages: report.externalImages,
      seconds,
      postsPerSecond: imported / seconds,
      cpuSeconds,
      fileMB,
      rssBeforeMB: rssBefore / 2 ** 20,
      peakRssMB: peakRssMB(),
    }),
  );
} finally {
  await handle.close();
}
