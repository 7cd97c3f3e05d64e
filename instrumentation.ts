/**
 * Runs once when the server starts: applies migrations before the first request, then starts
 * the job runner (scheduled publishing, mail outbox) unless JOBS_DISABLED=1.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs" || process.env.NEXT_PHASE === "phase-production-build") return;
  const { getHandle, getDb } = await import("./db");
  await getHandle();
  // The page cache in front of Next (server/serve.mjs) reads the public generation on this app's database.
  const { getPublicGeneration } = await import("./db/queries/system");
  const { registerPublicGenerationReader } = await import("./server/public-generation.mjs");
  registerPublicGenerationReader(async () => getPublicGeneration({ db: await getDb() }));
  if (process.env.JOBS_DISABLED !== "1") {
    const { startJobRunner } = await import("./lib/jobs/runner");
    startJobRunner();
  }
}
