/**
 * Runs once when the server starts: checks the configuration (a bad variable stops the process
 * before it serves anything), applies migrations before the first request, then starts the job
 * runner (scheduled publishing, mail outbox) unless JOBS_DISABLED=1.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs" || process.env.NEXT_PHASE === "phase-production-build") return;
  const { requireEnv } = await import("./lib/env");
  requireEnv("server");
  const { getHandle, getDb } = await import("./db");
  await getHandle();
  // The page cache in front of Next (server/serve.mjs) reads the public generation on this app's database.
  const { getPublicGeneration } = await import("./db/queries/system");
  const { registerPublicGenerationReader } = await import("./server/public-generation.mjs");
  registerPublicGenerationReader(async () => getPublicGeneration({ db: await getDb() }));
  // …and is told each new generation by the database (LISTEN/NOTIFY), within an explicit window.
  const windowMs = Number(process.env.PAGE_CACHE_FRESHNESS_MS ?? 500);
  if (windowMs > 0) {
    const { watchPublicGeneration } = await import("./lib/cache/generation-watch");
    const { announcePublicGeneration, registerPublicGenerationWatch } = await import("./server/public-generation.mjs");
    const { logger } = await import("./lib/observability/log.mjs");
    const handle = await getHandle();
    const watch = watchPublicGeneration({
      listener: handle.listener,
      windowMs,
      // The page cache renders the pages readers keep reading again, ahead of them (server/page-cache/prime.mjs).
      onChange: announcePublicGeneration,
      onState: (state, error) =>
        state === "lost"
          ? logger().warn({ err: error }, "public generation: LISTEN connection lost, reading the database per request until it is back")
          : logger().info({ state }, "public generation watch"),
    });
    registerPublicGenerationWatch(watch);
  }
  // /metrics (server/metrics.mjs) reads the scheduler, outbox and pool figures through the app's database.
  const { readOperationalSnapshot } = await import("./lib/observability/snapshot");
  const { registerSnapshotReader } = await import("./server/metrics-bridge.mjs");
  registerSnapshotReader(() => readOperationalSnapshot());
  // CDN cache tags of public pages, read by the server when CDN_MAX_AGE is set (server/cdn.mjs).
  const { cacheTagsForPath } = await import("./lib/cdn/tags");
  const { registerCacheTagReader } = await import("./server/cdn.mjs");
  registerCacheTagReader(async (path) => cacheTagsForPath(await getDb(), path));
  // The Content API (/api/v1), answered by server/serve.mjs itself with the routes of app/api/v1: lib/content-api/node.ts.
  const { serveContentApi } = await import("./lib/content-api/node");
  const { registerContentApi } = await import("./server/content-api-bridge.mjs");
  registerContentApi((req, res) => serveContentApi(req, res));
  // Co-editing (WebSocket /collab on this same port, through server/serve.mjs): lib/collab/server.ts.
  if (process.env.AUTH_SECRET) {
    const { createCollabServer } = await import("./lib/collab/server");
    const { registerCollabEndpoint } = await import("./server/collab-bridge.mjs");
    registerCollabEndpoint(createCollabServer({ db: getDb, secret: process.env.AUTH_SECRET, redisUrl: process.env.REDIS_URL || undefined }));
  }
  if (process.env.JOBS_DISABLED !== "1") {
    const { startJobRunner } = await import("./lib/jobs/runner");
    startJobRunner();
  }
}

/**
 * An error Next caught while rendering or in a route handler, action or proxy: one JSON line with
 * the request's id (set by server/serve.mjs), the route and the error.
 */
export async function onRequestError(
  error: unknown,
  request: { path: string; method: string; headers: Record<string, string | string[] | undefined> },
  context: { routePath: string; routeType: string },
) {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { requestLogger, REQUEST_ID_HEADER } = await import("./lib/observability/log.mjs");
  const reqId = request.headers[REQUEST_ID_HEADER];
  requestLogger(typeof reqId === "string" ? reqId : null).error(
    { err: error, method: request.method, path: request.path, route: context.routePath, routeType: context.routeType },
    "request error",
  );
}
