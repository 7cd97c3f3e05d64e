#!/usr/bin/env node
/**
 * The production server (`npm start`, the e2e suite, the bench and the stress tests all run
 * it): Next's own request handler, with public pages answered from memory while nothing readers
 * can see has changed (server/page-cache/). The order of the steps in front of Next is in
 * server/README.md. Options: PORT (or -p), -H or HOSTNAME
 * (default: loopback only, 127.0.0.1 and ::1; `-H 0.0.0.0` opens it to the network),
 * NEXT_DIST_DIR. PAGE_CACHE_MB (default 64; 0 turns the cache off), PAGE_CACHE_TTL_SECONDS
 * (default 60), PAGE_CACHE_CHECK_MS (default 2) and PAGE_CACHE_MAX_ENTRIES (default 10,000) tune
 * the cache; PAGE_RENDER_CONCURRENCY (default 8) bounds public-page renders. TRUST_PROXY: see
 * server/client-address.mjs (the client address comes from the socket unless it is set).
 * Logs: one JSON line per request and per event, with the request's id (server/observe.mjs,
 * LOG_LEVEL). METRICS_TOKEN turns on GET /metrics (server/metrics.mjs).
 */
import { readFileSync } from "node:fs";
import { createServer, get as httpGet } from "node:http";
import path from "node:path";

import { accessLogger, logger } from "../lib/observability/log.mjs";
import { isValidHostHeader, sanitizeForwardedHeaders } from "../lib/seo/request-origin.mjs";
import { cdnConfig, withCdnHeaders } from "./cdn.mjs";
import { parseTrustProxy, stampClientAddress } from "./client-address.mjs";
import { closeCollab, collabUpgrade } from "./collab-bridge.mjs";
import { contentApi } from "./content-api-bridge.mjs";
import { cspApplier, cspTemplate } from "./csp.mjs";
import { createMetrics } from "./metrics.mjs";
import { createNotFoundPage, NOT_FOUND_ROUTE, wantsServerNotFound, withServerNotFound } from "./not-found-page.mjs";
import { createObserver } from "./observe.mjs";
import { isReaderPage, wholePageRequest, withoutClientRuntime } from "./page-cache/no-client-js.mjs";
import { createPageCache } from "./page-cache/page-cache.mjs";
import { createPrimer } from "./page-cache/prime.mjs";
import { canonicalPublicUrl, hasMalformedPath, isNextDataRequest } from "./page-cache/public-routes.mjs";
import { onPublicGenerationChange, peekPublicGeneration, readPublicGeneration } from "./public-generation.mjs";
import { createRequestGuard, uploadActionIdsFrom } from "./request-guard.mjs";

const args = process.argv.slice(2);
const flag = (name) => {
  const i = args.indexOf(name);
  return i === -1 ? undefined : args[i + 1];
};
const port = Number(flag("-p") ?? flag("--port") ?? process.env.PORT ?? 3000);
// What the app says of its own address (webhook payload links, lib/webhooks) reads PORT: `-p` sets it too.
process.env.PORT = String(port);
// Loopback only unless -H or HOSTNAME names an interface: a fresh demo must not be on the network.
const hostname = flag("-H") ?? flag("--hostname") ?? (process.env.HOSTNAME || undefined);
const listenHosts = hostname ? [hostname] : ["127.0.0.1", "::1"];
const trustProxy = parseTrustProxy(process.env.TRUST_PROXY);
// Before Next (and React through it) is loaded, as `next start` does.
process.env.NODE_ENV = "production";
const { default: next } = await import("next");

const app = next({ dev: false, dir: process.cwd(), hostname: hostname ?? "localhost", port });
// WebSocket upgrades are ours (the collaboration server, below), never Next's: at its first request
// Next adds an "upgrade" listener of its own to the HTTP server, which ends the socket of any upgrade
// whose path matches a page — and /collab matches the catch-all app/(public)/[...legacy], so every
// co-editing connection was cut just after its handshake (close 1006). Next's listener only serves
// development's hot reload and rewrites to external WebSocket servers, neither of which runs here;
// its own flag (next/dist/server/next.js, setupWebSocketHandler) keeps it from being added.
if ("didWebSocketSetup" in app || typeof app.setupWebSocketHandler === "function") app.didWebSocketSetup = true;
else throw new Error("next: setupWebSocketHandler not found; check server/serve.mjs against this Next version");
// With CDN_MAX_AGE, public pages carry CDN cache headers and tags (server/cdn.mjs).
const handle = withCdnHeaders(cdnConfig(process.env), app.getRequestHandler());
await app.prepare();

const mb = Number(process.env.PAGE_CACHE_MB ?? 64);
const cache = createPageCache({
  readGeneration: readPublicGeneration, // null until instrumentation.ts has registered the app's reader
  peekGeneration: peekPublicGeneration, // the generation the database pushed, while fresh (PAGE_CACHE_FRESHNESS_MS)
  maxBytes: Number.isFinite(mb) ? mb * 1024 * 1024 : 64 * 1024 * 1024,
  maxEntries: Number(process.env.PAGE_CACHE_MAX_ENTRIES) || 10_000,
  maxConcurrentRenders: Number(process.env.PAGE_RENDER_CONCURRENCY) || 8,
  ttlMs: Number(process.env.PAGE_CACHE_TTL_SECONDS ?? 60) * 1000,
  checkIntervalMs: Number(process.env.PAGE_CACHE_CHECK_MS ?? 2),
});

const log = logger();
const metrics = createMetrics({ token: process.env.METRICS_TOKEN, pageCache: cache });
const observe = createObserver({ log: accessLogger(), metrics, trust: trustProxy });

// Body caps, same-origin proof and HSTS, before Next reads a byte (server/request-guard.mjs).
const manifest = path.join(process.cwd(), process.env.NEXT_DIST_DIR || ".next", "server", "server-reference-manifest.json");
// A copy of the environment, read once: process.env costs a call into Node for every property read.
const guard = createRequestGuard({ env: { ...process.env }, uploadActionIds: uploadActionIdsFrom(JSON.parse(readFileSync(manifest, "utf8"))) });

const plain = (res, status, text) => {
  res.writeHead(status, { "content-type": "text/plain; charset=utf-8", "x-content-type-options": "nosniff" });
  res.end(text);
};
// Every response gets a CSP nonce of its own, pages from the cache included (server/csp.mjs).
const applyCsp = cspApplier(cspTemplate({ oidcIssuer: process.env.AUTH_OIDC_ISSUER }));
// A reader's page leaves without Next's client runtime (server/page-cache/no-client-js.mjs),
// rewritten inside the render so that the page cache keeps the rewritten page.
const serve = (req, res) => {
  const nonce = applyCsp(req, res);
  // The Content API answers its own routes (server/content-api-bridge.mjs); the rest goes on.
  const api = contentApi(req, res);
  if (api) return api;
  return cache.handle(
    req,
    res,
    () => {
      // A reader's 404 is Next's site-wide 404 page drawn on the server, not an empty shell (server/not-found-page.mjs).
      if (wantsServerNotFound(req)) withServerNotFound(res, () => notFoundPage(req.headers.host ?? "localhost"));
      if (isReaderPage(req, canonicalPublicUrl)) {
        wholePageRequest(req);
        withoutClientRuntime(res, { dropNonces: true });
      }
      return handle(req, res);
    },
    nonce,
  );
};
const fail = (req, res, error) => {
  log.error({ reqId: req.headers["x-request-id"], err: error }, "request failed");
  if (res.writableEnded) return; // already answered (a refusal): nothing more may be written
  if (!res.headersSent) {
    res.statusCode = 500;
    res.setHeader("content-type", "text/plain; charset=utf-8");
  }
  res.end("Internal Server Error");
};
const onRequest = (req, res) => {
  observe(req, res);
  if (req.headers.host !== undefined && !isValidHostHeader(req.headers.host)) return plain(res, 400, "Bad Request: invalid Host header");
  // The client address and which forwarding headers count (only a trusted proxy's), then what
  // is left of those headers is checked: everything after this reads them.
  stampClientAddress(req, trustProxy);
  sanitizeForwardedHeaders(req);
  // No Pages Router here: Next would render the App Router page for it, outside the page cache.
  if (isNextDataRequest(req.url)) return plain(res, 404, "Not Found");
  if (hasMalformedPath(req.url)) return plain(res, 400, "Bad Request: malformed URL");
  // The Content API is read-only: a write to it is answered as the API answers (JSON, CORS), not
  // refused by the same-origin guard below as if it came from a page.
  if (req.url?.startsWith("/api/v1/") && !["GET", "HEAD", "OPTIONS"].includes(req.method ?? "GET")) {
    res.writeHead(405, { "content-type": "application/json; charset=utf-8", allow: "GET, HEAD, OPTIONS", "access-control-allow-origin": "*" });
    return void res.end(JSON.stringify({ error: { code: "method_not_allowed", message: "The Content API is read-only: use GET." } }));
  }
  // Answered here, before the guard and Next: a scraper is neither a reader nor an editor.
  if (req.url === "/metrics" || req.url?.startsWith("/metrics?")) return void metrics.handle(req, res).catch((error) => fail(req, res, error));
  const verdict = guard(req, res); // true: refused (answered), false: go on, or a promise of either
  if (verdict === true) return;
  if (verdict === false) return settle(req, res);
  verdict.then((refused) => refused || settle(req, res)).catch((error) => fail(req, res, error));
};
// A page-cache hit is answered synchronously (no promise to make): anything that throws, at once
// or later, ends in fail().
const settle = (req, res) => {
  try {
    const answer = serve(req, res);
    if (typeof answer?.then === "function") Promise.resolve(answer).catch((error) => fail(req, res, error));
  } catch (error) {
    fail(req, res, error);
  }
};
const servers = [];
for (const [i, host] of listenHosts.entries()) {
  const server = createServer(onRequest);
  server.keepAliveTimeout = 65_000;
  // Co-editing: WebSocket /collab goes to the collaboration server (server/collab-bridge.mjs).
  server.on("upgrade", (req, socket, head) => {
    if (server.listenerCount("upgrade") > 1) log.error("another upgrade listener is on the HTTP server: co-editing connections may be cut");
    if (!isValidHostHeader(req.headers.host ?? "")) return void socket.destroy();
    // Who connects, as for any request (TRUST_PROXY): the attempt limit counts per client, not per proxy.
    const address = stampClientAddress(req, trustProxy);
    sanitizeForwardedHeaders(req);
    if (!collabUpgrade(req, socket, head, address)) socket.destroy();
  });
  const optional = !hostname && i > 0; // ::1 where the machine has IPv6
  await new Promise((resolve, reject) => {
    server.once("error", (error) => (optional ? resolve(undefined) : reject(error)));
    server.listen(port, host, () => {
      servers.push(server);
      resolve(undefined);
    });
  });
}

// Refresh-ahead (server/page-cache/prime.mjs): on each new public generation, the pages readers
// keep reading are requested again from this server, so their next reader gets them from memory.
// The request comes from the address the server listens on: a page keyed on forwarded headers is
// primed only when that address is a trusted proxy (else the headers would be dropped, and with
// them the key).
const primeHost = { "0.0.0.0": "127.0.0.1", "::": "::1" }[listenHosts[0]] ?? listenHosts[0];
const primeAddress = { localhost: "127.0.0.1" }[primeHost] ?? primeHost;
const primer = createPrimer({
  hotPages: (n) =>
    cache
      .hotPages(n)
      .filter((p) => (p.replay.headers["x-forwarded-host"] ?? p.replay.headers["x-forwarded-proto"]) === undefined || trustProxy(primeAddress, 0)),
  maxPages: mb > 0 ? Number(process.env.PAGE_CACHE_PRIME_PAGES ?? 16) : 0,
  request: ({ url, headers }) =>
    new Promise((resolve) => {
      const request = httpGet(
        { host: primeHost, port, path: url, headers: { ...headers, "user-agent": "newsroom-page-cache-prime" }, timeout: 10_000 },
        (res) => {
          res.resume();
          res.on("end", resolve);
          res.on("error", resolve);
        },
      );
      request.on("error", resolve);
      request.on("timeout", () => request.destroy());
    }),
  onPass: (p) => log.debug(p, "page cache: pages rendered again ahead of readers"),
});
onPublicGenerationChange((generation) => primer.changed(generation));

// The site-wide 404 page, asked of this server for the Host of the request it answers.
const notFoundPage = createNotFoundPage({
  fetchPage: (host) =>
    new Promise((resolve) => {
      const request = httpGet(
        { host: primeHost, port, path: NOT_FOUND_ROUTE, headers: { host, "accept-encoding": "identity", "user-agent": "newsroom-not-found" }, timeout: 10_000 },
        (res) => {
          const chunks = [];
          res.on("data", (c) => chunks.push(c));
          res.on("end", () => resolve({ status: res.statusCode ?? 0, type: String(res.headers["content-type"] ?? ""), body: Buffer.concat(chunks) }));
          res.on("error", () => resolve(null));
        },
      );
      request.on("error", () => resolve(null));
      request.on("timeout", () => request.destroy());
    }),
  // Kept while nothing a reader could see has changed, as the page cache keeps pages.
  generation: () => peekPublicGeneration() ?? readPublicGeneration(),
});

const shown = hostname ? (hostname.includes(":") ? `[${hostname}]` : hostname) : "localhost";
log.info(
  { port, hosts: listenHosts, pageCacheMb: mb > 0 ? mb : 0, metrics: Boolean(process.env.METRICS_TOKEN?.trim()) },
  `▲ Newsroom ready on http://${shown}:${port} (page cache ${mb > 0 ? `${mb} MB` : "off"}${hostname ? "" : "; loopback only, HOSTNAME=0.0.0.0 (or -H 0.0.0.0) to open it"})`,
);

let closing = false;
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => {
    if (closing) process.exit(1);
    closing = true;
    log.info({ signal }, "stopping: finishing in-flight requests");
    primer.close();
    let open = servers.length;
    // What live sessions typed since the last store is written before the exit (and their sockets closed).
    void closeCollab()
      .catch((error) => log.error({ err: error }, "collab: storing on shutdown failed"))
      .finally(() => {
        for (const server of servers) {
          server.close(() => --open === 0 && process.exit(0));
          server.closeIdleConnections?.();
        }
      });
    // In-flight requests get a few seconds; then go anyway.
    setTimeout(() => process.exit(0), 5000).unref();
  });
}
