/**
 * npm run backup [-- --out <folder>] — the database (DATABASE_URL: pg_dump on PATH; else the
 * embedded database in PGLITE_DIR, with the app stopped) and the uploads (UPLOADS_DIR) into one
 * folder, by default .data/backups/newsroom-<time>. See lib/backup/index.ts.
 */
import path from "node:path";

import { pgliteDir } from "@/db";
import { backup } from "@/lib/backup";
import { uploadsDir } from "@/lib/storage";

/** The cause in one line (drizzle wraps the driver's error: "Failed query: …", cause: the real one). */
const reason = (error: unknown) => {
  const e = error as Error & { cause?: Error };
  return (e.cause?.message ?? e.message).split("\n")[0];
};

const args = process.argv.slice(2);
const i = args.indexOf("--out");
const stamp = new Date().toISOString().replace(/[-:]/g, "").replace(/\..*/, "").replace("T", "-");
const out = path.resolve(i >= 0 && args[i + 1] ? args[i + 1] : path.join(".data", "backups", `newsroom-${stamp}`));

try {
  const m = await backup({ databaseUrl: process.env.DATABASE_URL || undefined, pgliteDir: pgliteDir(), uploadsDir: uploadsDir() }, out);
  console.log(
    `Backup written to ${out}: ${m.engine === "postgres" ? `PostgreSQL (${m.pgDump})` : "embedded database"}, ${m.migrations} migrations, ${m.uploads.files} uploaded files (${m.uploads.bytes} bytes).`,
  );
} catch (error) {
  // One line: the cause (a refusal, pg_dump's own words, the database unreachable), not a stack.
  console.error(`✖ Backup failed: ${reason(error)}`);
  process.exit(1);
}
