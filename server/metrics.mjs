// @ts-check
/**
 * Prometheus metrics (prom-client), answered by server/serve.mjs at GET /metrics to whoever sends
 * `Authorization: Bearer <METRICS_TOKEN>`: 401 without it or with another token, 404 when
 * METRICS_TOKEN is unset (metrics off — the default: nothing about the site's traffic is public).
 *
 * - requests by route group, method and status, and their latency (histogram, per group);
 * - the page cache's hits, misses and bypasses, entries and bytes;
 * - the database: pool size, this app's connections by state (PostgreSQL), whether it answers and
 *   how fast;
 * - the scheduler: articles due but not yet published and the lag of the oldest, runs, last run;
 * - outbox backlogs (pending messages, age of the oldest);
 * - sign-in failures by reason;
 * - Node's own (memory, CPU, event-loop lag, GC).
 * The database figures are read when scraped, through the reader the app registers
 * (server/metrics-bridge.mjs): every instance reports the same database, label by instance in
 * the scrape configuration.
 */
import { createHash, timingSafeEqual } from "node:crypto";
import client from "prom-client";

import { metricsBridge } from "./metrics-bridge.mjs";
import { canonicalPublicUrl } from "./page-cache/public-routes.mjs";

/** @typedef {import("node:http").IncomingMessage} Req @typedef {import("node:http").ServerResponse} Res */

/**
 * Route groups, few and fixed, so the number of series stays small whatever URLs are requested.
 * @param {string} url
 */
export function routeGroup(url) {
  const path = url.split(/[?#]/, 1)[0];
  if (path === "/metrics") return "metrics";
  if (path.startsWith("/_next/")) return "static";
  if (path.startsWith("/uploads/")) return "uploads";
  if (path === "/newsroom" || path.startsWith("/newsroom/")) return "newsroom";
  if (path.startsWith("/api/auth/") || path === "/login" || path === "/set-password") return "auth";
  if (path.startsWith("/api/")) return "api";
  if (canonicalPublicUrl(url) !== null) return "public";
  return "other";
}

const digest = (/** @type {string} */ s) => createHash("sha256").update(s).digest();

/**
 * @param {{
 *   token?: string,
 *   pageCache?: { stats: { hits: number, misses: number, bypassed: number, evicted: number }, size: number, bytes: number },
 *   snapshotTimeoutMs?: number,
 * }} options
 */
export function createMetrics(options) {
  const token = options.token?.trim() || "";
  const registry = new client.Registry();
  client.collectDefaultMetrics({ register: registry, prefix: "newsroom_" });
  const on = { registers: [registry] };

  const requests = new client.Counter({
    name: "newsroom_http_requests_total",
    help: "HTTP requests answered, by route group, method and status",
    labelNames: ["group", "method", "status"],
    ...on,
  });
  const duration = new client.Histogram({
    name: "newsroom_http_request_duration_seconds",
    help: "Time from a request's arrival to the end of its response, by route group",
    labelNames: ["group"],
    buckets: [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    ...on,
  });

  /**
   * A counter that mirrors a running total kept elsewhere (the page cache's stats, the bridge):
   * each scrape adds what the total grew by since the last one.
   * @param {string} name @param {string} help @param {string[]} labelNames
   * @param {() => Array<[Record<string, string>, number]>} read
   */
  const mirror = (name, help, labelNames, read) => {
    /** @type {Map<string, number>} */
    const seen = new Map();
    return new client.Counter({
      name,
      help,
      labelNames,
      ...on,
      collect() {
        for (const [labels, total] of read()) {
          const key = JSON.stringify(labels);
          const grown = total - (seen.get(key) ?? 0);
          seen.set(key, total);
          this.inc(labels, Math.max(0, grown));
        }
      },
    });
  };
  const bridge = metricsBridge();
  const cache = options.pageCache;
  if (cache) {
    mirror("newsroom_page_cache_hits_total", "Public pages answered from the page cache", [], () => [[{}, cache.stats.hits]]);
    mirror("newsroom_page_cache_misses_total", "Public pages rendered and kept in the page cache", [], () => [[{}, cache.stats.misses]]);
    mirror("newsroom_page_cache_bypassed_total", "Requests the page cache could not answer or keep", [], () => [[{}, cache.stats.bypassed]]);
    mirror("newsroom_page_cache_evictions_total", "Entries evicted from the page cache for room", [], () => [[{}, cache.stats.evicted]]);
    new client.Gauge({ name: "newsroom_page_cache_entries", help: "Entries in the page cache", ...on, collect() { this.set(cache.size); } }); // prettier-ignore
    new client.Gauge({ name: "newsroom_page_cache_bytes", help: "Bytes held by the page cache", ...on, collect() { this.set(cache.bytes); } }); // prettier-ignore
  }
  mirror("newsroom_sign_in_failures_total", "Refused sign-ins, by reason (invalid: wrong email or password; rate_limited)", ["reason"], () =>
    Object.entries({ invalid: 0, rate_limited: 0, ...bridge.signInFailures }).map(([reason, n]) => [{ reason }, n]),
  );
  mirror("newsroom_scheduler_runs_total", "Runs of the scheduler (scheduled publishing) in this instance", [], () => [[{}, bridge.schedulerRuns]]);
  mirror("newsroom_scheduler_published_total", "Articles this instance's scheduler published", [], () => [[{}, bridge.schedulerPublished]]);
  new client.Gauge({ name: "newsroom_scheduler_last_run_timestamp_seconds", help: "When this instance's scheduler last finished a run (Unix time; 0: never)", ...on, collect() { this.set(bridge.schedulerLastRunSeconds); } }); // prettier-ignore

  const g = (/** @type {string} */ name, /** @type {string} */ help, /** @type {string[]} */ labelNames = []) =>
    new client.Gauge({ name, help, labelNames, ...on });
  const dbUp = g("newsroom_db_up", "1 when the database answered the last scrape's queries, else 0");
  const dbPing = g("newsroom_db_ping_seconds", "Time the last scrape's database queries took");
  const dbPoolMax = g("newsroom_db_pool_max", "Connections this instance's pool may open (the embedded database: 1)");
  const dbConnections = g("newsroom_db_connections", "Connections of this app (every instance) to its database, by state (PostgreSQL)", ["state"]);
  const schedulerDue = g("newsroom_scheduler_due_articles", "Scheduled articles whose time has come but are not published yet");
  const schedulerLag = g("newsroom_scheduler_lag_seconds", "How late the oldest due scheduled article is (0: none waiting)");
  const outboxBacklog = g("newsroom_outbox_backlog", "Messages waiting in an outbox, by outbox", ["outbox"]);
  const outboxOldest = g("newsroom_outbox_oldest_seconds", "Age of the oldest message waiting in an outbox, by outbox", ["outbox"]);

  const snapshotTimeoutMs = options.snapshotTimeoutMs ?? 3000;
  async function refreshSnapshot() {
    const read = bridge.readSnapshot;
    if (!read) return dbUp.set(0);
    /** @type {NodeJS.Timeout | undefined} */
    let timer;
    try {
      const s = await Promise.race([
        read(),
        new Promise((_, reject) => (timer = setTimeout(() => reject(new Error("database snapshot timed out")), snapshotTimeoutMs))),
      ]);
      dbUp.set(1);
      dbPing.set(s.dbPingSeconds);
      dbPoolMax.set(s.dbPoolMax);
      dbConnections.reset();
      for (const [state, n] of Object.entries(s.dbConnections)) dbConnections.set({ state }, n);
      schedulerDue.set(s.schedulerDue);
      schedulerLag.set(s.schedulerLagSeconds);
      for (const [outbox, o] of Object.entries(s.outboxes)) {
        outboxBacklog.set({ outbox }, o.pending);
        outboxOldest.set({ outbox }, o.oldestSeconds);
      }
    } catch {
      // The scrape still answers (process and request metrics); the database figures say it is down.
      dbUp.set(0);
    } finally {
      clearTimeout(timer);
    }
  }

  /** @param {string} header */
  const authorised = (header) => {
    const m = /^Bearer\s+(.+)$/i.exec(header.trim());
    return m !== null && timingSafeEqual(digest(m[1].trim()), digest(token));
  };

  // Each request's series, found once: prom-client hashes the labels on every call otherwise
  // (a few per cent of a page-cache hit). Groups and methods are few, statuses three digits.
  /** @type {Map<string, { count: client.Counter.Internal, time: client.Histogram.Internal<string> }>} */
  const seriesOf = new Map();

  return {
    registry,
    /** Counts one answered request. @param {string} group @param {string} method @param {number | string} status @param {number} seconds */
    observe(group, method, status, seconds) {
      const m = method === "GET" || method === "HEAD" || method === "POST" ? method : "other";
      const key = `${group} ${m} ${status}`;
      let series = seriesOf.get(key);
      if (series === undefined) {
        series = { count: requests.labels(group, m, String(status)), time: duration.labels(group) };
        seriesOf.set(key, series);
      }
      series.count.inc();
      series.time.observe(seconds);
    },
    /**
     * Answers GET /metrics (true), or leaves the request alone (false).
     * @param {Req} req @param {Res} res
     */
    async handle(req, res) {
      if (routeGroup(req.url ?? "/") !== "metrics") return false;
      /** @param {number} status @param {Record<string, string>} headers @param {string} body */
      const answer = (status, headers, body) => {
        res.writeHead(status, { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store", "x-content-type-options": "nosniff", ...headers });
        res.end(req.method === "HEAD" ? undefined : body);
      };
      if (!token) return (answer(404, {}, "Not Found"), true);
      if (!authorised(String(req.headers.authorization ?? ""))) return (answer(401, { "www-authenticate": 'Bearer realm="metrics"' }, "Unauthorized"), true);
      if (req.method !== "GET" && req.method !== "HEAD") return (answer(405, { allow: "GET, HEAD" }, "Method Not Allowed"), true);
      await refreshSnapshot();
      answer(200, { "content-type": registry.contentType }, await registry.metrics());
      return true;
    },
  };
}
