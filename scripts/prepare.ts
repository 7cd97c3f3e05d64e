/**
 * Run before the server starts (scripts/serve.mjs): applies migrations and, on the embedded database, seeds the demo
 * newsroom on first start. PGlite allows one process per folder, so this finishes (and closes
 * the database) before the server opens it.
 */
import { openDb, pgliteDir } from "@/db";
import { formatCredentials, seedDemo } from "@/lib/demo/seed";

const handle = await openDb();
const embedded = handle.engine === "pglite";
console.log(embedded ? `Embedded database (PGlite) at ${pgliteDir()}` : "PostgreSQL database (DATABASE_URL)");
if (embedded || process.env.SEED_DEMO === "1") {
  const { seeded, credentials } = await seedDemo(handle.db);
  if (seeded) console.log("Demo newsroom created.");
  console.log(`Demo accounts:\n${formatCredentials(credentials)}`);
}
await handle.close();
