/** Load points with autocannon's programmatic API, and the in-memory baseline server. */
import { fork } from "node:child_process";
import autocannon from "autocannon";

import { sampleRss, sleep } from "./server";

export type LoadPoint = {
  target: string;
  connections: number;
  seconds: number;
  rps: number;
  p50Ms: number;
  p99Ms: number;
  errors: number;
  requests: number;
  rssPeakMb: number;
  rssMeanMb: number;
};

export async function loadPoint(target: string, url: string, connections: number, seconds: number, pid: number): Promise<LoadPoint> {
  const stop = sampleRss(pid);
  const r = await autocannon({ url, connections, duration: seconds, timeout: 10 });
  const rss = stop();
  return {
    target,
    connections,
    seconds,
    rps: r.requests.average,
    p50Ms: r.latency.p50,
    p99Ms: r.latency.p99,
    // autocannon counts socket errors, timeouts and non-2xx answers separately.
    errors: r.errors + r.timeouts + r.non2xx,
    requests: r["2xx"] + r.non2xx,
    rssPeakMb: rss.peakMb,
    rssMeanMb: rss.meanMb,
  };
}

export async function warmUp(url: string, seconds: number) {
  await autocannon({ url, connections: 10, duration: seconds, timeout: 10 });
}

export async function startBaseline(port: number, htmlFile: string) {
  const child = fork("scripts/bench/static-server.mjs", [String(port), htmlFile], { stdio: "ignore" });
  await new Promise<void>((resolve, reject) => {
    child.once("message", () => resolve());
    child.once("exit", (code) => reject(new Error(`baseline server exited (${code})`)));
  });
  return {
    pid: child.pid!,
    url: `http://127.0.0.1:${port}/`,
    stop: async () => {
      child.kill("SIGTERM");
      await sleep(200);
    },
  };
}
