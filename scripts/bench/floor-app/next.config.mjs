// The bench's framework floor (scripts/bench/floor.ts): the smallest App Router app, built and
// started by Next's own `next build` and `next start`, so that an uncached Newsroom render can be
// read against what Next itself costs for a page on the same machine in the same run.
import path from "node:path";

const config = {
  // Next and React are the repository's own (its node_modules, three folders up).
  turbopack: { root: path.resolve(import.meta.dirname, "../../..") },
};

export default config;
