/**
 * Lighthouse on the public page types (issue #17, "Lighthouse in the bench"): the `lighthouse`
 * package (12.2.3: 13 wants Node 22) driving the e2e suite's Chromium (Debian's, or CHROME_PATH) through
 * chrome-launcher, with its default configuration — a phone (Moto G Power emulation), simulated
 * slow 4G and a 4× CPU slowdown. Each page BENCH_LIGHTHOUSE_RUNS times (default 3), the pages
 * taken in turn in every round so that the machine's load falls on all of them alike; the run
 * with the median performance score is reported, with its category scores, LCP, TBT, CLS, bytes
 * and the top opportunities (what Lighthouse estimates each would save).
 */
import * as chromeLauncher from "chrome-launcher";
import lighthouse from "lighthouse";

import config from "../../playwright.config";

export type LighthouseRow = {
  name: string;
  path: string;
  runs: number;
  scores: { performance: number; accessibility: number; bestPractices: number; seo: number };
  performanceRuns: number[];
  lcpMs: number;
  tbtMs: number;
  cls: number;
  fcpMs: number;
  transferKb: number;
  opportunities: { title: string; savingsMs: number }[];
  failed: { category: string; title: string }[];
};

type Audit = { id: string; title: string; score: number | null; numericValue?: number; details?: { type?: string; overallSavingsMs?: number } };
type Lhr = {
  categories: Record<string, { score: number | null; auditRefs: { id: string; weight: number }[] }>;
  audits: Record<string, Audit>;
  runtimeError?: { message: string };
};

/** Chromium as the Playwright suite launches it (playwright.config.ts), headless; CHROME_PATH (chrome-launcher's own variable) wins. */
const launchOptions = config.use?.launchOptions ?? {};
const CHROME_FLAGS = ["--headless=new", ...(launchOptions.args ?? [])];
const chromePath = () => process.env.CHROME_PATH || launchOptions.executablePath;

const score = (lhr: Lhr, id: string) => Math.round((lhr.categories[id]?.score ?? 0) * 100);

function row(name: string, path: string, lhr: Lhr, performanceRuns: number[]): LighthouseRow {
  const a = lhr.audits;
  const num = (id: string) => a[id]?.numericValue ?? NaN;
  const opportunities = Object.values(a)
    .filter((x) => x.details?.type === "opportunity" && (x.details.overallSavingsMs ?? 0) > 0)
    .map((x) => ({ title: x.title, savingsMs: x.details!.overallSavingsMs! }))
    .sort((x, y) => y.savingsMs - x.savingsMs)
    .slice(0, 3);
  // What keeps a category below 100: its weighted audits that did not pass.
  const failed: LighthouseRow["failed"] = [];
  for (const [category, c] of Object.entries(lhr.categories)) {
    if (category === "performance") continue;
    for (const ref of c.auditRefs) {
      const audit = a[ref.id];
      if (ref.weight > 0 && audit && audit.score !== null && audit.score < 1) failed.push({ category, title: audit.title });
    }
  }
  return {
    name,
    path,
    runs: performanceRuns.length,
    scores: {
      performance: score(lhr, "performance"),
      accessibility: score(lhr, "accessibility"),
      bestPractices: score(lhr, "best-practices"),
      seo: score(lhr, "seo"),
    },
    performanceRuns,
    lcpMs: num("largest-contentful-paint"),
    tbtMs: num("total-blocking-time"),
    cls: num("cumulative-layout-shift"),
    fcpMs: num("first-contentful-paint"),
    transferKb: num("total-byte-weight") / 1024,
    opportunities,
    failed,
  };
}

export async function benchLighthouse(origin: string, pages: { name: string; path: string }[], log: (s: string) => void): Promise<LighthouseRow[]> {
  const runs = Math.max(1, Number(process.env.BENCH_LIGHTHOUSE_RUNS || 3));
  const chrome = await chromeLauncher.launch({ chromePath: chromePath(), chromeFlags: CHROME_FLAGS, logLevel: "silent" });
  const seen = new Map<string, Lhr[]>();
  try {
    for (let round = 0; round < runs; round++)
      for (const page of pages) {
        // Lighthouse itself fails now and then (NO_NAVSTART: the trace missed the navigation's
        // start); such a run measured nothing and is run again, once, and said.
        let lhr: Lhr | undefined;
        for (let attempt = 1; attempt <= 2; attempt++) {
          const result = await lighthouse(origin + page.path, {
            port: chrome.port,
            output: "json",
            logLevel: "error",
            onlyCategories: ["performance", "accessibility", "best-practices", "seo"],
          });
          lhr = result?.lhr as unknown as Lhr | undefined;
          const failure = !lhr ? "no result" : lhr.runtimeError?.message;
          if (!failure) break;
          if (attempt === 2) throw new Error(`lighthouse on ${page.path}: ${failure}`);
          log(`  lighthouse on ${page.path} failed (${failure}): run again`);
        }
        seen.set(page.name, [...(seen.get(page.name) ?? []), lhr!]);
      }
  } finally {
    await chrome.kill();
  }
  const rows: LighthouseRow[] = [];
  for (const page of pages) {
    const all = (seen.get(page.name) ?? []).sort((x, y) => score(x, "performance") - score(y, "performance"));
    const mid = all[(all.length - 1) >> 1];
    const r = row(
      page.name,
      page.path,
      mid,
      all.map((x) => score(x, "performance")),
    );
    rows.push(r);
    log(
      `  ${page.name}: ${r.scores.performance} / ${r.scores.accessibility} / ${r.scores.bestPractices} / ${r.scores.seo} (runs ${r.performanceRuns.join(", ")}), LCP ${r.lcpMs.toFixed(0)} ms, TBT ${r.tbtMs.toFixed(0)} ms, CLS ${r.cls.toFixed(3)}`,
    );
  }
  return rows;
}
