#!/usr/bin/env node
/**
 * The production server (`npm start`, the e2e suite, the bench and the stress tests all run
 * it): Next's own request handler, with public pages answered from memory while nothing readers
 * can see has changed (lib/page-cache/page-cache.mjs). Same options as `next start`: PORT (or
 * -p), -H, NEXT_DIST_DIR. PAGE_CACHE_MB (default 64; 0 turns the cache off),
 * PAGE_CACHE_TTL_SECONDS (default 60), PAGE_CACHE_CHECK_MS (default 2) and PAGE_CACHE_MAX_ENTRIES
 * (default 10,000) tune the cache; PAGE_RENDER_CONCURRENCY (default 8) bounds public-page renders.
 */
import { createServer } from "node:http";
import { createPageCache } from "../lib/page-cache/page-cache.mjs";
import { isNextDataRequest } from "../lib/page-cache/public-routes.mjs";
import { isValidHostHeader, sanitizeForwardedHeaders } from "../lib/seo/request-origin.mjs";

const args = process.argv.slice(2);
const flag = (name) => {
  const i = args.indexOf(name);
  return i === -1 ? undefined : args[i + 1];
};
const port = Number(flag("-p") ?? flag("--port") ?? process.env.PORT ?? 3000);
// Like `next start`: every interface unless -H is given (HOSTNAME is often the container's name).
const hostname = flag("-H") ?? flag("--hostname");
// Before Next (and React through it) is loaded, as `next start` does.
process.env.NODE_ENV = "production";
const { default: next } = await import("next");

const app = next({ dev: false, dir: process.cwd(), hostname: hostname ?? "localhost", port });
const handle = app.getRequestHandler();
await app.prepare();

const mb = Number(process.env.PAGE_CACHE_MB ?? 64);
const cache = createPageCache({
  // Registered by instrumentation.ts once the app has opened its database.
  readGeneration: () => globalThis.__newsroomPublicGeneration?.() ?? null,
  maxBytes: Number.isFinite(mb) ? mb * 1024 * 1024 : 64 * 1024 * 1024,
  maxEntries: Number(process.env.PAGE_CACHE_MAX_ENTRIES) || 10_000,
  maxConcurrentRenders: Number(process.env.PAGE_RENDER_CONCURRENCY) || 8,
  ttlMs: Number(process.env.PAGE_CACHE_TTL_SECONDS ?? 60) * 1000,
  checkIntervalMs: Number(process.env.PAGE_CACHE_CHECK_MS ?? 2),
});

const server = createServer((req, res) => {
  if (req.headers.host !== undefined && !isValidHostHeader(req.headers.host)) {
    res.writeHead(400, { "content-type": "text/plain; charset=utf-8", "x-content-type-options": "nosniff" });
    res.end("Bad Request: invalid Host header");
    return;
  }
  sanitizeForwardedHeaders(req);
  if (isNextDataRequest(req.url)) {
    // No Pages Router here: Next would render the App Router page for it, uncached (issue 19).
    res.writeHead(404, { "content-type": "text/plain; charset=utf-8", "x-content-type-options": "nosniff" });
    res.end("Not Found");
    return;
  }
  cache.handle(req, res, () => handle(req, res)).catch((error) => {
    console.error("request failed:", error);
    if (!res.headersSent) {
      res.statusCode = 500;
      res.setHeader("content-type", "text/plain; charset=utf-8");
    }
    res.end("Internal Server Error");
  });
});
server.keepAliveTimeout = 65_000;
server.listen(port, hostname, () => {
  console.log(`▲ Newsroom ready on http://${hostname ?? "localhost"}:${port} (page cache ${mb > 0 ? `${mb} MB` : "off"})`);
});

let closing = false;
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => {
    if (closing) process.exit(1);
    closing = true;
    server.close(() => process.exit(0));
    server.closeIdleConnections?.();
    // In-flight requests get a few seconds; then go anyway.
    setTimeout(() => process.exit(0), 5000).unref();
  });
}
