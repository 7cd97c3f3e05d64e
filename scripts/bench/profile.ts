/**
 * Where an uncached render's CPU goes: a V8 CPU profile (`node --cpu-prof`) of the server while
 * it rendered the page types with the page cache off, summed by self time per part of the stack
 * (React's server renderer, the RSC serializer, the rest of Next, the app's own code, the database
 * driver, Node, GC) and per function.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";

type Frame = { functionName: string; url: string; lineNumber: number };
type Node = { id: number; callFrame: Frame };
type Profile = { nodes: Node[]; samples: number[]; timeDeltas: number[] };

export type ProfileSummary = {
  file: string;
  totalMs: number;
  /** Self time per part, ms and share of the busy (non-idle) time. */
  parts: { part: string; ms: number; share: number }[];
  functions: { fn: string; part: string; ms: number; share: number }[];
};

function partOf(f: Frame): string {
  const u = f.url;
  if (f.functionName === "(garbage collector)") return "garbage collection";
  if (f.functionName === "(idle)") return "idle";
  if (f.functionName === "(program)" || f.functionName === "(root)") return "V8 / native";
  if (/react-dom[^/]*\/cjs\/react-dom-server|react-dom-server/.test(u)) return "React server render (react-dom/server)";
  if (/react-server-dom/.test(u)) return "RSC payload (react-server-dom)";
  if (/node_modules\/react\//.test(u) || /compiled\/react\//.test(u)) return "React";
  if (/@electric-sql\/pglite/.test(u)) return "PGlite (database in-process)";
  if (/node_modules\/postgres\//.test(u)) return "postgres driver";
  if (/drizzle-orm/.test(u)) return "Drizzle";
  if (/\.next[^/]*\/server\/(app|chunks)/.test(u)) return "app code (bundled)";
  // React (server renderer and RSC) is compiled into Next's app-page runtime.
  if (/next-server\/app-page/.test(u)) return "Next.js app-page runtime (React render, RSC, HTML streaming)";
  if (/node_modules\/next\//.test(u)) return "Next.js (server, router, metadata)";
  if (/\/server\/|\/lib\//.test(u) && !/node_modules/.test(u)) return "Newsroom server (serve.mjs, page cache)";
  if (/node_modules/.test(u)) return `other packages (${/node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(u)?.[1] ?? "?"})`;
  if (u.startsWith("node:") || u === "") return "Node.js internals";
  return "other";
}

/** The newest .cpuprofile in `dir` (the server's; the seeding scripts write smaller ones first). */
export function newestProfile(dir: string): string | null {
  try {
    const files = readdirSync(dir)
      .filter((f) => f.endsWith(".cpuprofile"))
      .map((f) => path.join(dir, f));
    // The server's profile is the biggest one by far.
    return files.sort((a, b) => statSync(b).size - statSync(a).size)[0] ?? null;
  } catch {
    return null;
  }
}

export function summariseProfile(file: string, top = 12): ProfileSummary {
  const p = JSON.parse(readFileSync(file, "utf8")) as Profile;
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  // The profiler's own start (cpu-profile-hook.mjs) is not a render: its subtree is left out.
  const hook = new Set<number>();
  const mark = (id: number) => {
    hook.add(id);
    for (const c of (byId.get(id) as Node & { children?: number[] }).children ?? []) mark(c);
  };
  for (const n of p.nodes) if (n.callFrame.url.includes("cpu-profile-hook") && !hook.has(n.id)) mark(n.id);
  const self = new Map<number, number>();
  for (let i = 0; i < p.samples.length; i++) {
    if (hook.has(p.samples[i])) continue;
    self.set(p.samples[i], (self.get(p.samples[i]) ?? 0) + (p.timeDeltas[i] ?? 0));
  }
  const parts = new Map<string, number>();
  const fns = new Map<string, { part: string; us: number }>();
  let busy = 0;
  let total = 0;
  for (const [id, us] of self) {
    const f = byId.get(id)!.callFrame;
    const part = partOf(f);
    total += us;
    if (part === "idle") continue;
    busy += us;
    parts.set(part, (parts.get(part) ?? 0) + us);
    const name = `${f.functionName || "(anonymous)"} ${f.url.replace(/^.*node_modules\//, "").replace(/^file:\/\/.*?\/(\.next[^/]*)\//, "$1/")}:${f.lineNumber + 1}`;
    const e = fns.get(name) ?? { part, us: 0 };
    e.us += us;
    fns.set(name, e);
  }
  return {
    file,
    totalMs: total / 1000,
    parts: [...parts].sort((a, b) => b[1] - a[1]).map(([part, us]) => ({ part, ms: us / 1000, share: us / busy })),
    functions: [...fns]
      .sort((a, b) => b[1].us - a[1].us)
      .slice(0, top)
      .map(([fn, e]) => ({ fn, part: e.part, ms: e.us / 1000, share: e.us / busy })),
  };
}
