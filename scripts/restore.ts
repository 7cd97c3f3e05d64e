/**
 * npm run restore -- <backup folder> — into the EMPTY database named by DATABASE_URL (pg_restore on
 * PATH) or the empty PGLITE_DIR, and the empty UPLOADS_DIR; anything else is refused. Then applies
 * the migrations newer than the backup. See lib/backup/index.ts.
 */
import path from "node:path";

import { pgliteDir } from "@/db";
import { BackupError, restore } from "@/lib/backup";
import { uploadsDir } from "@/lib/storage";

/** The cause in one line (drizzle wraps the driver's error: "Failed query: …", cause: the real one). */
const reason = (error: unknown) => {
  const e = error as Error & { cause?: Error };
  return (e.cause?.message ?? e.message).split("\n")[0];
};

const from = process.argv.slice(2).find((a) => !a.startsWith("-"));
if (!from) {
  console.error("✖ Usage: npm run restore -- <backup folder>");
  process.exit(2);
}

try {
  const { manifest, migrations } = await restore(path.resolve(from), {
    databaseUrl: process.env.DATABASE_URL || undefined,
    pgliteDir: pgliteDir(),
    uploadsDir: uploadsDir(),
  });
  console.log(
    `Restored the backup of ${manifest.createdAt} (${manifest.engine === "postgres" ? "PostgreSQL" : "embedded database"}, ${manifest.uploads.files} uploaded files); migrations: ${manifest.migrations} in the backup, ${migrations} now.`,
  );
} catch (error) {
  console.error(`✖ Restore ${error instanceof BackupError ? "refused" : "failed"}: ${reason(error)}`);
  process.exit(1);
}
