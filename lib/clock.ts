/**
 * The application's clock for what falls due: embargoes and the scheduler. It is the system
 * clock, except in an e2e server (E2E_TEST_HOOKS=1), where the test hook `clock`
 * (testing/hooks/clock.ts) may move it forward so a spec can watch an embargo pass without
 * waiting for it. The offset lives on globalThis so every bundle of the one server process (the
 * pages, the route handlers, the job runner started by instrumentation.ts) reads the same time.
 * Pure and client-safe: in a browser bundle the test switch is never on.
 */
const g = globalThis as unknown as { __newsroomClockOffsetMs?: number };

function offsetMs(): number {
  return process.env.E2E_TEST_HOOKS === "1" ? (g.__newsroomClockOffsetMs ?? 0) : 0;
}

/** Now, by the application's clock. */
export function now(): Date {
  return new Date(Date.now() + offsetMs());
}

/** TEST ONLY (e2e): makes `now()` answer `at` from this instant on (null: back to the system clock). */
export function setTestClock(at: Date | null): void {
  if (process.env.E2E_TEST_HOOKS !== "1") throw new Error("The test clock exists only in an e2e server (E2E_TEST_HOOKS=1).");
  g.__newsroomClockOffsetMs = at ? at.getTime() - Date.now() : 0;
}
