/** npm run import -- wordpress FILE.xml [--uploads DIR] [--dry-run] | ghost FILE.json [--dry-run] (see lib/import/cli.ts). */
import { openDb } from "@/db";
import { runImportCli } from "@/lib/import/cli";

import { scriptEnv } from "./script-env";

scriptEnv();
const handle = await openDb();
let code = 1;
try {
  code = await runImportCli(process.argv.slice(2), handle.db, { out: (l) => console.log(l), err: (l) => console.error(l) });
} finally {
  await handle.close();
}
process.exit(code);
