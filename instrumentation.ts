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
  const { publicGeneration } = await import("./lib/cache/generation");
  const { registerPublicGenerationReader } = await import("./server/public-generation.mjs");
  registerPublicGenerationReader(async () => publicGeneration(await getDb()));
  if (process.env.JOBS_DISABLED !== "1") {
    const { startJobRunner } = await import("./lib/jobs/runner");
    startJobRunner();
  }
}
