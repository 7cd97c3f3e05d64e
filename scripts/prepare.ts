/**
 * Run before the server starts (server/serve.mjs): applies migrations and, on the embedded database, seeds the demo
 * newsroom on first start. PGlite allows one process per folder, so this finishes (and closes
 * the database) before the server opens it. SEED_DEMO=1 seeds PostgreSQL too (the test
 * harnesses); SEED_DEMO=0 leaves an embedded database empty. An empty database is announced
 * with its first-run page.
 *
 * Demo passwords are random (or DEMO_PASSWORDS), printed here. On the embedded database they are
 * kept beside its folder (owner-only file) and printed again at each start while they still work.
 */
import { openDb, pgliteDir } from "@/db";
import { demoAccountsOnRestart, demoPasswords, demoPasswordsFile, formatCredentials, saveDemoPasswords, seedDemo } from "@/lib/demo/seed";
import { firstRunOpen } from "@/lib/users/first-run";

import { scriptEnv } from "./script-env";

const env = scriptEnv();

const handle = await openDb();
const embedded = handle.engine === "pglite";
console.log(embedded ? `Embedded database (PGlite) at ${pgliteDir()}` : "PostgreSQL database (DATABASE_URL)");
if (env.SEED_DEMO ?? embedded) {
  const file = embedded ? demoPasswordsFile(pgliteDir()) : null;
  const passwords = demoPasswords();
  const { seeded, credentials } = await seedDemo(handle.db, passwords);
  if (seeded) {
    console.log("Demo newsroom created.");
    if (file) saveDemoPasswords(file, credentials);
    const origin = process.env.DEMO_PASSWORDS ? "passwords from DEMO_PASSWORDS" : "new random passwords";
    console.log(`Demo accounts (${origin}${file ? `, kept in ${file}` : ", shown only now"}):\n${formatCredentials(credentials)}`);
  } else {
    const accounts = await demoAccountsOnRestart(handle.db, file, passwords);
    if (file && accounts.some((a) => a.renewed))
      saveDemoPasswords(
        file,
        accounts.filter((a) => !a.changed),
      );
    if (accounts.some((a) => a.renewed)) console.log("Demo accounts still on the old public passwords got new random ones.");
    if (accounts.length) console.log(`Demo accounts:\n${formatCredentials(accounts)}`);
  }
}
if (await firstRunOpen(handle.db)) {
  console.log(
    "No account yet: open /setup on the site to create the first admin (the page closes once any account exists),\n" +
      'or run: npm run users -- create --email you@example.org --name "Your Name" --role admin',
  );
}
await handle.close();
