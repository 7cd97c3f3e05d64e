/**
 * Run before the server starts (server/serve.mjs): applies migrations and, on the embedded database, seeds the demo
 * newsroom on first start. PGlite allows one process per folder, so this finishes (and closes
 * the database) before the server opens it.
 *
 * Demo passwords are random (or DEMO_PASSWORDS), printed here. On the embedded database they are
 * kept beside its folder (owner-only file) and printed again at each start while they still work.
 */
import { openDb, pgliteDir } from "@/db";
import { demoAccountsOnRestart, demoPasswords, demoPasswordsFile, formatCredentials, saveDemoPasswords, seedDemo } from "@/lib/demo/seed";

const handle = await openDb();
const embedded = handle.engine === "pglite";
console.log(embedded ? `Embedded database (PGlite) at ${pgliteDir()}` : "PostgreSQL database (DATABASE_URL)");
if (embedded || process.env.SEED_DEMO === "1") {
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
await handle.close();
