import "server-only";

import { getHandle, type Handle } from "@/db";
import { getMailOutboxBacklog, getSchedulerBacklog, listConnectionsByState } from "@/db/queries/operations";
import { MAX_ATTEMPTS } from "@/lib/mail/worker";
import type { OperationalSnapshot } from "@/server/metrics-bridge.mjs";

/**
 * What /metrics reports about the database, read when scraped (server/metrics.mjs): a few
 * aggregate queries, each on an index or a small table, on the app's own pool.
 */
export async function readOperationalSnapshot(handle?: Pick<Handle, "db" | "engine">): Promise<OperationalSnapshot> {
  const started = performance.now();
  const { db, engine } = handle ?? (await getHandle());
  const [scheduler, mail, connections] = await Promise.all([
    getSchedulerBacklog({ db }),
    getMailOutboxBacklog({ db, maxAttempts: MAX_ATTEMPTS }),
    engine === "postgres" ? listConnectionsByState({ db }) : Promise.resolve([]),
  ]);
  return {
    engine,
    dbPoolMax: engine === "postgres" ? Number(process.env.DATABASE_POOL_MAX ?? 10) : 1,
    dbConnections: Object.fromEntries(connections.map((c) => [c.state, c.n])),
    dbPingSeconds: (performance.now() - started) / 1000,
    schedulerDue: scheduler.due,
    schedulerLagSeconds: scheduler.lagSeconds,
    outboxes: { mail: mail },
  };
}
