/** npm run export -- [--format json|wxr] [--out FILE] (see lib/export/cli.ts). */
import { openDb } from "@/db";
import { runExportCli } from "@/lib/export/cli";

import { scriptEnv } from "./script-env";

scriptEnv();
const handle = await openDb();
let code = 1;
try {
  code = await runExportCli(process.argv.slice(2), handle.db, { out: (l) => console.log(l), err: (l) => console.error(l) });
} finally {
  await handle.close();
}
process.exit(code);
