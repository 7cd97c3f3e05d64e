/** latest.md (tables, targets) from the bench's results. */
import type { EditorResult } from "./editor";
import type { LoadPoint } from "./load";
import type { PublishResult } from "./publish";
import type { ScaleResult } from "./scale";

export type Results = {
  meta: { date: string; commit: string; node: string; cpus: number; loadBefore: number[]; loadAfter: number[]; totalSeconds: number; seconds: number };
  article: { engine: string; baseline: LoadPoint[]; app: LoadPoint[] }[];
  publish: { engine: string; result: PublishResult }[];
  editor: { engine: string; result: EditorResult }[];
  scale: ScaleResult | null;
  errors: string[];
};

const f = (n: number, d = 1) => (Number.isFinite(n) ? n.toFixed(d) : "–");
const ok = (pass: boolean) => (pass ? "met" : "**missed**");

export function renderMarkdown(r: Results): string {
  const out: string[] = [];
  const m = r.meta;
  out.push(`# Newsroom bench — ${m.date}`, "");
  out.push(
    `Commit \`${m.commit}\`, Node ${m.node}, ${m.cpus} CPUs shared with other work (load average ${m.loadBefore.map((x) => x.toFixed(2)).join(" / ")} before, ` +
      `${m.loadAfter.map((x) => x.toFixed(2)).join(" / ")} after). Whole run: ${f(m.totalSeconds / 60, 1)} min. ` +
      "Absolute numbers depend on the machine and on whatever else runs on it; the ratios against the baseline measured in the same run are what to compare.",
    "",
  );
  const targets: string[] = [];

  out.push("## 1. Public article page (typical French article)", "");
  out.push(
    `autocannon, ${m.seconds} s per point after a warm-up; baseline = the same HTML served from memory by a bare Node \`http\` server (separate process), measured just before each engine. Newsroom answers through its page cache (\`server/serve.mjs\`): after the warm-up render, each request waits for a fresh read of the public generation from the database (shared by concurrent requests) and gets the stored page.`,
    "",
  );
  out.push(
    "| engine | server | concurrency | req/s | ratio to baseline | p50 ms | p99 ms | errors | server RSS peak MB |",
    "| --- | --- | --- | --- | --- | --- | --- | --- | --- |",
  );
  for (const a of r.article) {
    for (const p of a.app) {
      const b = a.baseline.find((x) => x.connections === p.connections)!;
      out.push(
        `| ${a.engine} | baseline (memory) | ${b.connections} | ${f(b.rps, 0)} | 100 % | ${f(b.p50Ms, 0)} | ${f(b.p99Ms, 0)} | ${b.errors} | ${f(b.rssPeakMb, 0)} |`,
      );
      out.push(
        `| ${a.engine} | **Newsroom** | ${p.connections} | ${f(p.rps, 0)} | **${f((100 * p.rps) / b.rps, 1)} %** | ${f(p.p50Ms, 0)} | ${f(p.p99Ms, 0)} | ${p.errors} | ${f(p.rssPeakMb, 0)} |`,
      );
      if (p.connections === 50) {
        targets.push(`| article c=50 on ${a.engine}: ≥ 25 % of baseline req/s | ${f((100 * p.rps) / b.rps, 1)} % | ${ok(p.rps >= 0.25 * b.rps)} |`);
        targets.push(`| article c=50 on ${a.engine}: p99 < 50 ms | ${f(p.p99Ms, 0)} ms | ${ok(p.p99Ms < 50)} |`);
        targets.push(`| article c=50 on ${a.engine}: 0 errors | ${p.errors} | ${ok(p.errors === 0)} |`);
      }
    }
  }
  out.push("");

  out.push("## 2. Publish-to-visible", "");
  out.push(
    "An editor publishes an update (new dek + correction note) from the workflow sidebar; from the moment the action has answered, the public page is polled with `fetch` every 20 ms until it shows the new dek.",
    "",
  );
  out.push("| engine | runs | publish action p50 ms | visible after p50 ms | max ms | each run ms |", "| --- | --- | --- | --- | --- | --- |");
  for (const p of r.publish) {
    out.push(
      `| ${p.engine} | ${p.result.runs} | ${f(p.result.actionP50Ms, 0)} | ${f(p.result.p50Ms, 0)} | ${f(p.result.maxMs, 0)} | ${p.result.visibleMs.map((x) => f(x, 0)).join(", ")} |`,
    );
    targets.push(`| publish-to-visible on ${p.engine} < 1 s | max ${f(p.result.maxMs, 0)} ms | ${ok(p.result.maxMs < 1000)} |`);
  }
  out.push("");

  out.push("## 3. Editor (Chromium, 10,000-word article)", "");
  out.push(
    "Keystroke: `keydown` event time → the next mutation of the ProseMirror DOM (after ProseMirror's own observer), and → the animation frame after it. Autosave: the server action's request → response (Playwright request timing); each save sends the whole body.",
    "",
  );
  out.push(
    "| engine | words | keystrokes | keystroke→DOM p50 / p95 ms | keystroke→next frame p50 / p95 ms | autosaves | autosave p50 / p95 ms | request body KB | other server actions (heartbeats): n, p50 ms |",
    "| --- | --- | --- | --- | --- | --- | --- | --- | --- |",
  );
  for (const e of r.editor) {
    const x = e.result;
    out.push(
      `| ${e.engine} | ${x.words} | ${x.keystrokes} | ${f(x.domP50Ms)} / ${f(x.domP95Ms)} | ${f(x.frameP50Ms)} / ${f(x.frameP95Ms)} | ${x.autosaves} | ${f(x.autosaveP50Ms, 0)} / ${f(x.autosaveP95Ms, 0)} | ${f(x.autosaveBodyKb, 0)} | ${x.otherActions}, ${f(x.otherActionP50Ms, 0)} |`,
    );
    targets.push(`| typing p95 < 16 ms on ${e.engine} (keystroke→DOM) | ${f(x.domP95Ms)} ms | ${ok(x.domP95Ms < 16)} |`);
    targets.push(`| autosave p95 < 100 ms on ${e.engine} | ${f(x.autosaveP95Ms, 0)} ms | ${ok(x.autosaveP95Ms < 100)} |`);
  }
  out.push("");

  out.push("## 4. Scale (PostgreSQL)", "");
  const s = r.scale;
  if (!s) out.push("Not measured (see errors).", "");
  else {
    out.push(
      `${s.articles.toLocaleString("en")} articles, ${s.revisions.toLocaleString("en")} revisions (bulk seed: ${f(s.seedSeconds)} s). Sequential requests; "first" is the first request after the seed (uncached for the public pages).`,
      "",
    );
    out.push("| what | path | first ms | p50 ms | p95 ms | n |", "| --- | --- | --- | --- | --- | --- |");
    for (const t of s.http)
      out.push(
        `| ${t.name} | ${t.name.startsWith("Content API") ? "HTTP (API, uncached)" : "HTTP (cached render)"} | ${f(t.firstMs, 0)} | ${f(t.p50Ms)} | ${f(t.p95Ms)} | ${t.n} |`,
      );
    for (const t of s.direct) out.push(`| ${t.name} | database reads, direct | ${f(t.firstMs, 0)} | ${f(t.p50Ms)} | ${f(t.p95Ms)} | ${t.n} |`);
    // The Content API (uncached, key check included) has its own target: p95 < 20 ms.
    for (const t of s.http) {
      const target = t.name.startsWith("Content API") ? 20 : 50;
      targets.push(`| ${t.name} p95 < ${target} ms at 50,000 (HTTP) | ${f(t.p95Ms)} ms | ${ok(t.p95Ms < target)} |`);
    }
    // Target: every public and newsroom list read, uncached, p95 < 50 ms at 50,000 articles.
    for (const t of s.direct) targets.push(`| ${t.name} p95 < 50 ms at 50,000 (database reads, uncached) | ${f(t.p95Ms)} ms | ${ok(t.p95Ms < 50)} |`);
    out.push("", "### Query plans (EXPLAIN ANALYZE: scan lines and execution time; full plans in latest.json)", "");
    out.push("| statement | execution ms | scans |", "| --- | --- | --- |");
    for (const p of s.plans) out.push(`| ${p.name} | ${f(p.executionMs, 2)} | ${p.indexLines.map((l) => `\`${l.replace(/\|/g, "\\|")}\``).join("<br>")} |`);
    out.push("");
  }

  out.push("## Targets", "", "| target | now | |", "| --- | --- | --- |", ...targets, "");
  if (r.errors.length) out.push("## Errors (the bench broke here)", "", ...r.errors.map((e) => `- ${e}`), "");
  return out.join("\n");
}
