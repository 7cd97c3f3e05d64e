// Loaded with NODE_OPTIONS=--import by the bench's uncached-render server (scripts/bench/run.ts):
// in server/serve.mjs only, SIGUSR2 starts the V8 CPU profiler and the next SIGUSR2 stops it and
// writes BENCH_PROFILE_DIR/<n>.cpuprofile (n = 1, 2, …), so each page type gets a profile of its
// renders alone, without start-up. (`--cpu-prof` itself is not allowed in NODE_OPTIONS.)
import { mkdirSync, renameSync, writeFileSync } from "node:fs";
import { Session } from "node:inspector";
import path from "node:path";

const dir = process.env.BENCH_PROFILE_DIR;
if (dir && process.argv[1]?.endsWith(path.join("server", "serve.mjs"))) {
  const session = new Session();
  session.connect();
  session.post("Profiler.enable");
  let running = false;
  let n = 0;
  process.on("SIGUSR2", () => {
    if (!running) {
      running = true;
      // Starting the profiler costs a few hundred ms of CPU: the bench waits for this file, then measures.
      session.post("Profiler.start", () => {
        mkdirSync(dir, { recursive: true });
        writeFileSync(path.join(dir, `${n + 1}.started`), "");
      });
      return;
    }
    session.post("Profiler.stop", (error, result) => {
      running = false;
      if (error) return;
      mkdirSync(dir, { recursive: true });
      const file = path.join(dir, `${++n}.cpuprofile`);
      // Written under another name first: the bench waits for the final one.
      writeFileSync(`${file}.tmp`, JSON.stringify(result.profile));
      renameSync(`${file}.tmp`, file);
    });
  });
}
