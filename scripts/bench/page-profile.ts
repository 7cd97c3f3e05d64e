/**
 * A V8 CPU profile of a Chromium page over a window (Chrome DevTools Protocol), for finding
 * where an editor's main-thread time goes: `BENCH_PAGE_PROFILE=<dir>` makes the co-editing bench
 * write one `.cpuprofile` per page (open it in Chromium's DevTools, Performance panel) and print
 * the heaviest functions by self time. Off by default: sampling costs the page some time itself.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { CDPSession, Page } from "@playwright/test";

type Frame = { functionName: string; url: string; lineNumber: number; columnNumber: number };
type Node = { id: number; callFrame: Frame; children?: number[] };
type Profile = { nodes: Node[]; samples: number[]; timeDeltas: number[] };

export type PageProfiler = { stop: () => Promise<string[]> };

export async function startPageProfile(page: Page, label: string, dir: string): Promise<PageProfiler> {
  const cdp: CDPSession = await page.context().newCDPSession(page);
  await cdp.send("Profiler.enable");
  await cdp.send("Profiler.setSamplingInterval", { interval: 250 });
  await cdp.send("Profiler.start");
  return {
    async stop() {
      const { profile } = (await cdp.send("Profiler.stop")) as unknown as { profile: Profile };
      mkdirSync(dir, { recursive: true });
      const file = path.join(dir, `${label}.cpuprofile`);
      writeFileSync(file, JSON.stringify(profile));
      return [`${label}: ${file}`, ...summarise(profile)];
    },
  };
}

/** Self time per function (name, file, line:column), heaviest first, as a share of all sampled time. */
function summarise(p: Profile, top = 30): string[] {
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const self = new Map<string, number>();
  let total = 0;
  p.samples.forEach((id, i) => {
    const dt = p.timeDeltas[i] ?? 0;
    total += dt;
    const f = byId.get(id)!.callFrame;
    const key = `${f.functionName || "(anonymous)"} ${f.url.replace(/^https?:\/\/[^/]+/, "")}:${f.lineNumber + 1}:${f.columnNumber + 1}`;
    self.set(key, (self.get(key) ?? 0) + dt);
  });
  return [...self.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([k, us]) => `  ${((us / total) * 100).toFixed(1).padStart(5)} %  ${(us / 1000).toFixed(0).padStart(6)} ms  ${k}`);
}
