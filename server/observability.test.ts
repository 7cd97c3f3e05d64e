import { spawn } from "node:child_process";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { createLogger, isoTime } from "@/lib/observability/log.mjs";

import { parseTrustProxy } from "./client-address.mjs";
import { countSchedulerRun, countSignInFailure, metricsBridge, registerSnapshotReader } from "./metrics-bridge.mjs";
import { createMetrics, routeGroup } from "./metrics.mjs";
import { createObserver } from "./observe.mjs";

/**
 * Request ids, the JSON log lines and /metrics, on real HTTP servers wired as server/serve.mjs
 * wires them: observe first, /metrics before anything else, then the app (here a stub answering
 * by path).
 */
const TOKEN = "metrics-test-token-0123456789";
const lines: Record<string, unknown>[] = [];
const log = createLogger({ level: "info", destination: { write: (s: string) => void lines.push(JSON.parse(s)) } });
const pageCache = { stats: { hits: 0, misses: 0, bypassed: 0, evicted: 0 }, size: 0, bytes: 0 };

async function start(token: string | undefined, trust: string | undefined) {
  const metrics = createMetrics({ token, pageCache, snapshotTimeoutMs: 500 });
  const observe = createObserver({ log, metrics, trust: parseTrustProxy(trust) });
  const server = createServer(async (req, res) => {
    observe(req, res);
    if (await metrics.handle(req, res)) return;
    if (req.url === "/boom") {
      res.statusCode = 500;
      return res.end("no");
    }
    res.setHeader("content-type", "text/html");
    res.end(`<p>${String(req.headers["x-request-id"])}</p>`);
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return { server, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

let withToken: { server: Server; base: string };
let without: { server: Server; base: string };
let behindProxy: { server: Server; base: string };
beforeAll(async () => {
  withToken = await start(TOKEN, undefined);
  without = await start(undefined, undefined);
  behindProxy = await start(TOKEN, "loopback");
});
afterAll(() => {
  for (const s of [withToken, without, behindProxy]) s?.server.close();
  registerSnapshotReader(null);
});

const scrape = async (base = withToken.base) => {
  const res = await fetch(`${base}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
  return res.text();
};
/** The value of one series in a scrape, 0 when absent. */
const value = (text: string, series: string) => {
  const line = text.split("\n").find((l) => l.startsWith(`${series} `));
  return line ? Number(line.slice(series.length + 1)) : 0;
};
const untilLogged = async (reqId: string) => {
  for (let i = 0; i < 50 && !lines.some((l) => l.reqId === reqId); i++) await new Promise((r) => setTimeout(r, 10));
  return lines.filter((l) => l.reqId === reqId);
};

describe("/metrics access", () => {
  it("is off (404) without METRICS_TOKEN, whatever is sent", async () => {
    expect((await fetch(`${without.base}/metrics`)).status).toBe(404);
    expect((await fetch(`${without.base}/metrics`, { headers: { authorization: "Bearer " } })).status).toBe(404);
  });

  it("answers 401 without the token or with another one, and the metrics with it", async () => {
    const none = await fetch(`${withToken.base}/metrics`);
    expect(none.status).toBe(401);
    expect(none.headers.get("www-authenticate")).toBe('Bearer realm="metrics"');
    expect(await none.text()).not.toContain("newsroom_");
    for (const authorization of [`Bearer ${TOKEN}x`, `Bearer ${TOKEN.slice(0, -1)}`, TOKEN, `Basic ${TOKEN}`]) {
      expect((await fetch(`${withToken.base}/metrics`, { headers: { authorization } })).status, authorization).toBe(401);
    }
    expect((await fetch(`${withToken.base}/metrics?x=1`)).status).toBe(401);
    const text = await scrape();
    expect(text).toContain("# TYPE newsroom_http_requests_total counter");
    expect(text).toContain("# TYPE newsroom_http_request_duration_seconds histogram");
    expect(text).toContain("newsroom_process_resident_memory_bytes");
  });
});

describe("request ids and log lines", () => {
  it("gives every request its own id, in the request (for the app), the response and one JSON log line", async () => {
    const answers = await Promise.all([1, 2, 3].map(() => fetch(`${withToken.base}/articles/some-story?utm=x`)));
    const ids = answers.map((r) => r.headers.get("x-request-id") ?? "");
    expect(new Set(ids).size).toBe(3);
    for (const [i, r] of answers.entries()) {
      expect(ids[i]).toMatch(/^[0-9a-f-]{36}$/);
      expect(await r.text()).toBe(`<p>${ids[i]}</p>`); // what the app saw
      const logged = await untilLogged(ids[i]);
      expect(logged).toHaveLength(1);
      expect(logged[0]).toMatchObject({ level: "info", msg: "request", method: "GET", url: "/articles/some-story?utm=x", group: "public", status: 200 });
      expect(typeof logged[0].ms).toBe("number");
      expect(typeof logged[0].time).toBe("string");
    }
  });

  it("keeps a well-formed id from a trusted proxy only", async () => {
    const sent = "edge-4f1c2a9b-0001";
    const direct = await fetch(`${withToken.base}/`, { headers: { "x-request-id": sent } });
    expect(direct.headers.get("x-request-id")).not.toBe(sent);
    const proxied = await fetch(`${behindProxy.base}/`, { headers: { "x-request-id": sent } });
    expect(proxied.headers.get("x-request-id")).toBe(sent);
    // An id with spaces or quotes (a forged log line) is replaced by a new one.
    const odd = await fetch(`${behindProxy.base}/`, { headers: { "x-request-id": 'a" b c d {"level":"fatal"}' } });
    expect(odd.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("logs a 5xx at error level", async () => {
    const res = await fetch(`${withToken.base}/boom`);
    const [line] = await untilLogged(res.headers.get("x-request-id") ?? "");
    expect(line).toMatchObject({ level: "error", status: 500, group: "other" });
  });

  it("keeps passwords and authorization headers out of the log", () => {
    const seen: string[] = [];
    createLogger({ destination: { write: (s: string) => void seen.push(s) } }).info(
      { password: "hunter2", body: { password: "x" }, authorization: "Bearer t" },
      "m",
    );
    expect(seen.join("")).not.toMatch(/hunter2|"x"|Bearer t/);
  });

  it("writes a quiet server's line soon (250 ms), not only once 4 KB have gathered or the process exits", async () => {
    const child = spawn(
      process.execPath,
      ["--input-type=module", "-e", `import("./lib/observability/log.mjs").then((m) => { m.logger().info("quiet"); setTimeout(() => {}, 10000); });`],
      {
        stdio: ["ignore", "pipe", "inherit"],
      },
    );
    try {
      const started = Date.now();
      const line = await new Promise<string>((resolve, reject) => {
        child.stdout.on("data", (chunk: Buffer) => resolve(chunk.toString()));
        child.on("exit", () => reject(new Error("exited before writing")));
      });
      expect(JSON.parse(line)).toMatchObject({ level: "info", msg: "quiet" });
      expect(Date.now() - started).toBeLessThan(5000); // the process holds on for 10 s
    } finally {
      child.kill();
    }
  });

  it("adds nothing to the output stream per flush under steady logging (no listeners pile up)", async () => {
    // Lines as fast as the loop turns for 2 s (a busy server): eight flush ticks while a write is
    // always under way, so the stream never drains.
    const script = `
      const [m, { default: pino }] = await Promise.all([import("./lib/observability/log.mjs"), import("pino")]);
      const log = m.logger();
      const out = log[pino.symbols.streamSym];
      const baseline = out.listenerCount("error") + out.listenerCount("drain");
      let busy = true;
      const write = () => {
        for (let i = 0; i < 20; i++) log.info({ pad: "x".repeat(200) }, "busy");
        if (busy) setImmediate(write);
      };
      write();
      setTimeout(() => {
        busy = false;
        process.stderr.write(JSON.stringify({ added: out.listenerCount("error") + out.listenerCount("drain") - baseline }) + "\\n");
        process.exit(0);
      }, 2000);`;
    const child = spawn(process.execPath, ["--input-type=module", "-e", script], { stdio: ["ignore", "pipe", "pipe"] });
    child.stdout.resume();
    let err = "";
    child.stderr.on("data", (chunk: Buffer) => (err += chunk.toString()));
    await new Promise((resolve) => child.on("exit", resolve));
    expect(JSON.parse(err.trim().split("\n").at(-1) ?? "{}")).toEqual({ added: 0 });
  });

  it("stamps lines with the wall-clock time without reading Date on every line (Next wraps it in the server)", () => {
    const realNow = Date.now;
    let reads = 0;
    Date.now = () => (reads++, realNow());
    try {
      const seen: string[] = [];
      const log = createLogger({ destination: { write: (s: string) => void seen.push(s) } });
      for (let i = 0; i < 200; i++) log.info({ i }, "line");
      // At most once a second, to follow a step of the system clock.
      expect(reads).toBeLessThanOrEqual(1);
      const times = seen.map((s) => Date.parse(String(JSON.parse(s).time)));
      for (const t of times) expect(Math.abs(t - realNow())).toBeLessThan(2000);
      expect(isoTime()).toMatch(/^,"time":"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z"$/);
    } finally {
      Date.now = realNow;
    }
  });
});

describe("counters move", () => {
  it("requests by group and status, latency, page cache, sign-in failures and scheduler runs", async () => {
    const before = await scrape();
    await fetch(`${withToken.base}/tags/politics`);
    await fetch(`${withToken.base}/newsroom`);
    await fetch(`${withToken.base}/boom`);
    pageCache.stats.hits += 3;
    pageCache.stats.misses += 1;
    pageCache.size = 7;
    countSignInFailure("invalid");
    countSignInFailure("invalid");
    countSignInFailure("rate_limited");
    countSchedulerRun(2);
    const after = await scrape();
    const moved = (series: string) => value(after, series) - value(before, series);
    expect(moved('newsroom_http_requests_total{group="public",method="GET",status="200"}')).toBe(1);
    expect(moved('newsroom_http_requests_total{group="newsroom",method="GET",status="200"}')).toBe(1);
    expect(moved('newsroom_http_requests_total{group="other",method="GET",status="500"}')).toBe(1);
    expect(moved('newsroom_http_request_duration_seconds_count{group="public"}')).toBe(1);
    expect(moved("newsroom_page_cache_hits_total")).toBe(3);
    expect(moved("newsroom_page_cache_misses_total")).toBe(1);
    expect(value(after, "newsroom_page_cache_entries")).toBe(7);
    expect(moved('newsroom_sign_in_failures_total{reason="invalid"}')).toBe(2);
    expect(moved('newsroom_sign_in_failures_total{reason="rate_limited"}')).toBe(1);
    expect(moved("newsroom_scheduler_runs_total")).toBe(1);
    expect(moved("newsroom_scheduler_published_total")).toBe(2);
    expect(value(after, "newsroom_scheduler_last_run_timestamp_seconds")).toBeCloseTo(metricsBridge().schedulerLastRunSeconds, 0);
  });

  it("the database figures come from the app's reader when scraped; a failing or hanging reader reports the database down", async () => {
    registerSnapshotReader(async () => ({
      engine: "postgres",
      dbPoolMax: 10,
      dbConnections: { idle: 3, active: 1 },
      dbPingSeconds: 0.004,
      schedulerDue: 2,
      schedulerLagSeconds: 95,
      outboxes: { mail: { pending: 4, oldestSeconds: 30 } },
    }));
    const up = await scrape();
    expect(value(up, "newsroom_db_up")).toBe(1);
    expect(value(up, "newsroom_db_pool_max")).toBe(10);
    expect(value(up, 'newsroom_db_connections{state="idle"}')).toBe(3);
    expect(value(up, "newsroom_scheduler_due_articles")).toBe(2);
    expect(value(up, "newsroom_scheduler_lag_seconds")).toBe(95);
    expect(value(up, 'newsroom_outbox_backlog{outbox="mail"}')).toBe(4);
    expect(value(up, 'newsroom_outbox_oldest_seconds{outbox="mail"}')).toBe(30);
    registerSnapshotReader(() => Promise.reject(new Error("down")));
    expect(value(await scrape(), "newsroom_db_up")).toBe(0);
    registerSnapshotReader(() => new Promise(() => {}));
    const started = Date.now();
    expect(value(await scrape(), "newsroom_db_up")).toBe(0);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it("route groups stay few", () => {
    expect(routeGroup("/")).toBe("public");
    expect(routeGroup("/articles/a-b?x=1")).toBe("public");
    expect(routeGroup("/newsroom/articles/1")).toBe("newsroom");
    expect(routeGroup("/login")).toBe("auth");
    expect(routeGroup("/api/auth/session")).toBe("auth");
    expect(routeGroup("/api/ready")).toBe("api");
    expect(routeGroup("/_next/static/chunks/a.js")).toBe("static");
    expect(routeGroup("/uploads/abc.webp")).toBe("uploads");
    expect(routeGroup("/metrics")).toBe("metrics");
    expect(routeGroup("/wp-admin/x/y/z")).toBe("other");
  });
});
