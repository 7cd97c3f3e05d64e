import "server-only";

import type { Db } from "@/db";
import { claimDuePurges, deleteAllPurges, deletePurges, updatePurgesFailed } from "@/db/queries/cdn";

export type PurgeConfig = { url: string; token?: string; timeoutMs?: number };
export type PurgeReport = { sent: number; failed: number; tags: number };

/** CDN_PURGE_URL (and CDN_PURGE_TOKEN), or null when purging is off. */
export function purgeConfig(env: Record<string, string | undefined> = process.env): PurgeConfig | null {
  const url = env.CDN_PURGE_URL?.trim();
  return url ? { url, token: env.CDN_PURGE_TOKEN || undefined } : null;
}

/** Back-off after the n-th failure: 5 s, 10 s, 20 s … capped at 10 minutes. */
export function purgeRetryDelayMs(attempts: number): number {
  return Math.min(5_000 * 2 ** Math.max(0, attempts - 1), 600_000);
}

const LEASE_MS = 60_000;
/** A purge request names at most this many tags (CDN APIs cap a request; Cloudflare at 100). */
const MAX_TAGS_PER_REQUEST = 100;

/**
 * Sends the queued purges: the tags of every due row, merged and deduplicated, POSTed as
 * `{"tags": [...]}` (with the same tags space-separated in a Surrogate-Key header, and the token
 * as a bearer). A 2xx removes the rows; anything else, a timeout or a refused connection keeps
 * them for a later attempt. Without a purge URL the queue is emptied: nothing will read it.
 */
export async function deliverDuePurges(
  db: Db,
  opts: { config?: PurgeConfig | null; now?: Date; batch?: number; fetch?: typeof fetch } = {},
): Promise<PurgeReport> {
  const config = opts.config === undefined ? purgeConfig() : opts.config;
  if (!config) {
    await deleteAllPurges({ db });
    return { sent: 0, failed: 0, tags: 0 };
  }
  const now = opts.now ?? new Date();
  const rows = await claimDuePurges({ db, now, leaseUntil: new Date(now.getTime() + LEASE_MS), limit: opts.batch ?? 200 });
  const report: PurgeReport = { sent: 0, failed: 0, tags: 0 };
  // Rows in groups whose merged tags fit one request.
  let group: typeof rows = [];
  let groupTags = new Set<string>();
  const flush = async () => {
    if (group.length === 0) return;
    const ids = group.map((r) => r.id);
    const tags = [...groupTags];
    try {
      await postPurge(config, tags, opts.fetch ?? fetch);
      await deletePurges({ db, ids });
      report.sent += ids.length;
      report.tags += tags.length;
    } catch (error) {
      const attempts = Math.max(...group.map((r) => r.attempts)) + 1;
      await updatePurgesFailed({
        db,
        ids,
        nextAttemptAt: new Date(Date.now() + purgeRetryDelayMs(attempts)),
        error: String((error as Error).message ?? error),
      });
      report.failed += ids.length;
    }
    group = [];
    groupTags = new Set();
  };
  for (const row of rows) {
    const merged = new Set([...groupTags, ...row.tags]);
    if (merged.size > MAX_TAGS_PER_REQUEST && group.length > 0) await flush();
    group.push(row);
    for (const t of row.tags) groupTags.add(t);
  }
  await flush();
  return report;
}

async function postPurge(config: PurgeConfig, tags: string[], doFetch: typeof fetch): Promise<void> {
  const headers: Record<string, string> = { "content-type": "application/json", "surrogate-key": tags.join(" ") };
  if (config.token) headers.authorization = `Bearer ${config.token}`;
  const res = await doFetch(config.url, {
    method: "POST",
    headers,
    body: JSON.stringify({ tags }),
    // A purge endpoint that hangs holds only this loop, and only this long.
    signal: AbortSignal.timeout(config.timeoutMs ?? 10_000),
  });
  await res.arrayBuffer().catch(() => undefined);
  if (!res.ok) throw new Error(`purge answered ${res.status}`);
}
