/** npm run db:seed — the demo newsroom (users, sections, articles); a no-op when users exist. Passwords: random or DEMO_PASSWORDS. */
import { openDb } from "@/db";
import { formatCredentials, seedDemo } from "@/lib/demo/seed";

import { scriptEnv } from "./script-env";

scriptEnv();
const handle = await openDb();
const { seeded, credentials } = await seedDemo(handle.db);
console.log(seeded ? "Demo newsroom created. Demo accounts (shown only now):" : "The database already has users; nothing seeded.");
if (seeded) console.log(formatCredentials(credentials));
await handle.close();
