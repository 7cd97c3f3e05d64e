#!/usr/bin/env node
// `npm run build`: `next build` with what every instance of one build must share set at build
// time. The server-action key (NEXT_SERVER_ACTIONS_ENCRYPTION_KEY) is embedded in the build:
// set it when several machines each build the same code, so their action ids agree; unset, the
// key kept in .data/server-actions-key is used. The build id is the git commit
// (next.config.js). Arguments go to `next build`.
import { spawnSync } from "node:child_process";
import path from "node:path";

import { loadEnvFiles } from "../server/env-files.mjs";
import { localServerActionsKey } from "../server/local-setup.mjs";

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
const bin = (name) => path.join(root, "node_modules", ".bin", name);

loadEnvFiles({ dev: false });
const check = spawnSync(bin("tsx"), ["--conditions=react-server", "scripts/check-env.ts"], { stdio: "inherit", cwd: root });
if (check.status !== 0) process.exit(check.status ?? 1);
if (process.env.NEXT_SERVER_ACTIONS_ENCRYPTION_KEY) console.log("Server-action key: NEXT_SERVER_ACTIONS_ENCRYPTION_KEY.");
else {
  process.env.NEXT_SERVER_ACTIONS_ENCRYPTION_KEY = localServerActionsKey();
  console.log("Server-action key: .data/server-actions-key (set NEXT_SERVER_ACTIONS_ENCRYPTION_KEY to share one between machines).");
}
const build = spawnSync(bin("next"), ["build", ...process.argv.slice(2)], {
  stdio: "inherit",
  cwd: root,
  env: { NEXT_TELEMETRY_DISABLED: "1", ...process.env },
});
process.exit(build.status ?? 1);
