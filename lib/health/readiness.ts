import { createHash, timingSafeEqual } from "node:crypto";

import type { Handle } from "@/db";
import journal from "@/db/migrations/meta/_journal.json";
import { countAppliedMigrations } from "@/db/queries/system";
import { logger } from "@/lib/observability/log.mjs";

/**
 * Readiness (GET /api/ready): the database answers and every committed migration is applied.
 * Anyone gets 200 or 503 and nothing else; the details (engine, migrations, latency) only go to
 * a caller presenting `Authorization: Bearer $READY_TOKEN` (open to all, they told anyone which
 * database and schema version the site runs). /api/health only says the process answers.
 */
export type Readiness = { ready: boolean; details: { engine?: string; migrations?: { applied: number; expected: number }; latencyMs: number; error?: string } };

export const EXPECTED_MIGRATIONS = journal.entries.length;

export async function checkReadiness(open: () => Promise<Pick<Handle, "db" | "engine">>): Promise<Readiness> {
  const started = Date.now();
  try {
    const handle = await open();
    const applied = await countAppliedMigrations({ db: handle.db });
    const ready = applied >= EXPECTED_MIGRATIONS;
    return {
      ready,
      details: {
        engine: handle.engine,
        migrations: { applied, expected: EXPECTED_MIGRATIONS },
        latencyMs: Date.now() - started,
        ...(ready ? {} : { error: "migrations pending" }),
      },
    };
  } catch (error) {
    logger().error({ err: error }, "readiness check failed");
    return { ready: false, details: { latencyMs: Date.now() - started, error: "database unavailable" } };
  }
}

/** True when the request carries the configured READY_TOKEN (compared in constant time); never when none is configured. */
export function mayReadDetails(authorization: string | null, token = process.env.READY_TOKEN): boolean {
  if (!token || !authorization) return false;
  const m = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
  if (!m) return false;
  const digest = (s: string) => createHash("sha256").update(s).digest();
  return timingSafeEqual(digest(m[1]), digest(token));
}
