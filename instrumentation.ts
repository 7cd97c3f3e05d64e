/** Runs once when the server starts: applies migrations before the first request. */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs" || process.env.NEXT_PHASE === "phase-production-build") return;
  const { getHandle } = await import("./db");
  await getHandle();
}
