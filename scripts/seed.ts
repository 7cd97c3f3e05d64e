/** npm run db:seed — the demo newsroom (users, sections, articles); a no-op when users exist. */
import { openDb } from "@/db";
import { formatCredentials, seedDemo } from "@/lib/demo/seed";

const handle = await openDb();
const { seeded, credentials } = await seedDemo(handle.db);
console.log(seeded ? "Demo newsroom created. Demo accounts:" : "The database already has users; nothing seeded. Demo accounts (if the demo was seeded):");
console.log(formatCredentials(credentials));
await handle.close();
