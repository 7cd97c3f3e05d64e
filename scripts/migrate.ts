/** npm run db:migrate — applies the committed migrations to DATABASE_URL or the embedded database. */
import { openDb, pgliteDir } from "@/db";

const handle = await openDb();
console.log(`Migrations applied (${handle.engine === "postgres" ? "PostgreSQL" : `PGlite at ${pgliteDir()}`}).`);
await handle.close();
