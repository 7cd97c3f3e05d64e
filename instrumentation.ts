/**
 * Runs once when the server starts: applies migrations before the first request, then starts
 * the job runner (scheduled publishing, mail outbox) unless JOBS_DISABLED=1.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs" || process.env.NEXT_PHASE === "phase-production-build") return;
  const { getHandle, getDb } = await import("./db");
  await getHandle();
  // The page cache in front of Next (server/serve.mjs) reads the public generation on this app's database.
  const { publicGeneration } = await import("./lib/cache/generation");
  const { registerPublicGenerationReader } = await import("./server/public-generation.mjs");
  registerPublicGenerationReader(async () => publicGeneration(await getDb()));
  // CDN cache tags of public pages, read by the server when CDN_MAX_AGE is set (server/cdn.mjs).
  const { cacheTagsForPath } = await import("./lib/cdn/tags");
  const { registerCacheTagReader } = await import("./server/cdn.mjs");
  registerCacheTagReader(async (path) => cacheTagsForPath(await getDb(), path));
  if (process.env.JOBS_DISABLED !== "1") {
    const { startJobRunner } = await import("./lib/jobs/runner");
    startJobRunner();
  }
}
