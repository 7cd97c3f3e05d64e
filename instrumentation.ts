/**
 * Runs once when the server starts: applies migrations before the first request, then starts
 * the job runner (scheduled publishing, mail outbox) unless JOBS_DISABLED=1.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs" || process.env.NEXT_PHASE === "phase-production-build") return;
  const { getHandle, getDb } = await import("./db");
  await getHandle();
  // For the page cache in scripts/serve.mjs: the public generation, read on this app's own database.
  const { publicGeneration } = await import("./lib/cache/generation");
  (globalThis as { __newsroomPublicGeneration?: () => Promise<number> }).__newsroomPublicGeneration = async () => publicGeneration(await getDb());
  if (process.env.JOBS_DISABLED !== "1") {
    const { startJobRunner } = await import("./lib/jobs/runner");
    startJobRunner();
  }
}
