/** npm run db:migrate — applies the committed migrations to DATABASE_URL or the embedded database. */
import { openDb, pgliteDir } from "@/db";

import { scriptEnv } from "./script-env";

scriptEnv();
const handle = await openDb();
console.log(`Migrations applied (${handle.engine === "postgres" ? "PostgreSQL" : `PGlite at ${pgliteDir()}`}).`);
await handle.close();
