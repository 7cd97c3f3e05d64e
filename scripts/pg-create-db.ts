/** tsx scripts/pg-create-db.ts ADMIN_URL NAME — drops and recreates a throw-away database. */
import { adminQuery } from "@/testing/pg-admin";

const [adminUrl, name] = process.argv.slice(2);
if (!adminUrl || !/^[a-z0-9_]+$/.test(name ?? "")) {
  console.error("usage: pg-create-db ADMIN_URL name");
  process.exit(2);
}
await adminQuery(adminUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
await adminQuery(adminUrl, `CREATE DATABASE ${name}`);
