/** Runs the scheduling scenario alone and prints its result as the last line (for e2e/reliability-scheduling.spec.ts). */
import { scheduling } from "./scheduling";

const [engine, port, count, interval] = process.argv.slice(2);
const r = await scheduling(engine === "postgres" ? "postgres" : "pglite", Number(port), {
  count: Number(count),
  jobsIntervalMs: Number(interval) || undefined,
  prefix: "e2e_sched",
});
console.log(JSON.stringify(r));
process.exit(0);
