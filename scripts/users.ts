/** npm run users -- create|list|set-role|deactivate|activate … (see lib/users/cli.ts). */
import { openDb } from "@/db";
import { runUsersCli } from "@/lib/users/cli";

import { scriptEnv } from "./script-env";

scriptEnv();
const handle = await openDb();
let code = 1;
try {
  code = await runUsersCli(process.argv.slice(2), handle.db, { out: (l) => console.log(l), err: (l) => console.error(l) });
} finally {
  await handle.close();
}
process.exit(code);
