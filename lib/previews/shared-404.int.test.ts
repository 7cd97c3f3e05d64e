import { performance } from "node:perf_hooks";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { createTestDb, type TestDb } from "@/testing/db";
import { makeArticle, makeCast, type Cast } from "@/testing/workflow-fixtures";

import { createPreviewLink, openSharedPreview, revokePreviewLink } from "./links";
import { newPreviewToken } from "./tokens";

/**
 * Unknown, expired and revoked tokens take the same time to refuse, so timing tells a guesser
 * nothing about which tokens exist (lib/previews/links.ts looks the token up by its hash, after
 * registering the attempt, whatever the token). The three kinds are measured interleaved in a
 * shuffled order over many rounds, each opening from its own address (the per-address limit
 * stays out of the way), and compared pairwise: for two kinds, the median over the rounds of
 * the difference between their times in the same round. A burst of load from the test files
 * running beside this one lasts longer than a round and falls on both sides of each difference;
 * compared as two separate medians, such bursts once moved one kind's median by 1.6 ms on a
 * loaded CI machine (expired 4.92 ms, revoked 3.33 ms; the two do the same work). As a check that
 * the comparison can see a difference at all, the opening of a live link (which loads and renders
 * the article) must stand out from them.
 */
let t: TestDb;
let cast: Cast;
const ROUNDS = 60;
let ipN = 0;
const ip = () => `203.0.113.${(ipN % 250) + 1}-${++ipN}`;

beforeAll(async () => {
  t = await createTestDb();
  cast = await makeCast(t.db);
}, 120_000);
afterAll(async () => t?.drop());

async function link(kind: "open" | "expired" | "revoked"): Promise<string> {
  const a = await makeArticle(t.db, cast.claire.id);
  const now = kind === "expired" ? new Date(Date.now() - 3 * 3_600_000) : new Date();
  const r = await createPreviewLink(t.db, cast.editor, { articleId: a.id, hours: kind === "expired" ? 1 : 48, pinned: false, now });
  if (!r.ok) throw new Error(r.message);
  if (kind === "revoked") expect(await revokePreviewLink(t.db, cast.editor, { articleId: a.id, linkId: r.id })).toEqual({ ok: true });
  return r.token;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return (s[Math.floor((s.length - 1) / 2)] + s[Math.ceil((s.length - 1) / 2)]) / 2;
};

/**
 * Two kinds take "the same time" when the median of their paired differences is within 25 % of
 * the larger of their medians or 1.5 ms, whichever is more.
 */
const sameTime = (a: number[], b: number[]) => {
  const gap = median(a.map((x, i) => x - b[i]));
  return Math.abs(gap) <= Math.max(0.25 * Math.max(median(a), median(b)), 1.5);
};

describe(`shared preview refusals take the same time (${process.env.TEST_ENGINE ?? "pglite"})`, () => {
  it("unknown, expired and revoked tokens: same answer, medians within tolerance; a live link stands out", async () => {
    const tokens = { expired: await link("expired"), revoked: await link("revoked"), live: await link("open") };
    const kinds = ["unknown", "expired", "revoked", "live"] as const;
    const times: Record<(typeof kinds)[number], number[]> = { unknown: [], expired: [], revoked: [], live: [] };
    const tokenOf = (k: (typeof kinds)[number]) => (k === "unknown" ? newPreviewToken() : tokens[k]);
    // Warm-up: the first calls pay for compiling queries and filling caches.
    for (let i = 0; i < 5; i++) for (const k of kinds) await openSharedPreview(t.db, { token: tokenOf(k), ip: ip() });
    for (let round = 0; round < ROUNDS; round++) {
      const order = [...kinds].sort(() => Math.random() - 0.5);
      for (const k of order) {
        const token = tokenOf(k);
        const start = performance.now();
        const opened = await openSharedPreview(t.db, { token, ip: ip() });
        times[k].push(performance.now() - start);
        expect(opened === null, k).toBe(k !== "live");
      }
    }
    const m = Object.fromEntries(kinds.map((k) => [k, median(times[k])])) as Record<(typeof kinds)[number], number>;
    const gap = (a: (typeof kinds)[number], b: (typeof kinds)[number]) =>
      `${a} ${m[a].toFixed(2)} vs ${b} ${m[b].toFixed(2)}, paired gap ${median(times[a].map((x, i) => x - times[b][i])).toFixed(2)}`;
    console.log(`shared preview medians over ${ROUNDS} rounds (ms): ${kinds.map((k) => `${k} ${m[k].toFixed(2)}`).join(", ")}`);
    expect(sameTime(times.unknown, times.expired), gap("unknown", "expired")).toBe(true);
    expect(sameTime(times.unknown, times.revoked), gap("unknown", "revoked")).toBe(true);
    expect(sameTime(times.expired, times.revoked), gap("expired", "revoked")).toBe(true);
    // The comparison is able to tell work apart: opening a live link does much more.
    expect(sameTime(times.unknown, times.live), gap("unknown", "live")).toBe(false);
  }, 300_000);
});
