import { sql } from "drizzle-orm";
import { getHandle, queryRows } from "@/db";

export const dynamic = "force-dynamic";

/** Liveness and database check for load balancers and the e2e web server. */
export async function GET() {
  const started = Date.now();
  try {
    const handle = await getHandle();
    const [row] = await queryRows<{ migrations: number }>(
      handle.db,
      sql`select count(*)::int as migrations from drizzle.__drizzle_migrations`,
    );
    return Response.json({ ok: true, database: { engine: handle.engine, migrations: row?.migrations ?? 0, latencyMs: Date.now() - started } });
  } catch (error) {
    console.error("health check failed", error);
    return Response.json({ ok: false, database: { error: "unavailable" } }, { status: 503 });
  }
}
