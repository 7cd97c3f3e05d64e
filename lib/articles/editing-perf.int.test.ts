import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { insertUser } from "@/db/queries/users";
import type { PolicyUser } from "@/lib/permissions";
import { docFromParagraphs } from "@/lib/rich-text/body";
import { createTestDb, type TestDb } from "@/testing/db";

import { saveArticle } from "./editing";
import { createArticle } from "./store";

let t: TestDb;
let claire: PolicyUser;
beforeAll(async () => {
  t = await createTestDb();
  claire = {
    id: (await insertUser({ db: t.db, email: "p@example.org", name: "Claire", role: "journalist", passwordHash: null })).id,
    role: "journalist",
    active: true,
  };
});
afterAll(async () => t?.drop());

/** A 10,000-word article, as the editor sends it: 500 paragraphs of 20 words. */
function longBody(seed: number): string {
  const words = "l’ANSSI « alerte » sur une cyberattaque visant plusieurs hôpitaux français selon Pékin qui dément toute implication".split(" ");
  const paras = Array.from({ length: 500 }, (_, p) => Array.from({ length: 20 }, (_, w) => words[(p + w + seed) % words.length]).join(" "));
  return JSON.stringify(docFromParagraphs(paras));
}

describe("autosave cost", () => {
  it("saves a 10,000-word article well within the budget (p95 printed)", async () => {
    const a = await createArticle(t.db, { createdById: claire.id, headline: "Long" });
    let version = a.version;
    const times: number[] = [];
    for (let i = 0; i < 28; i++) {
      const body = longBody(i);
      const start = performance.now();
      const r = await saveArticle(t.db, claire, { id: a.id, expectedVersion: version, changes: { body } });
      // The first saves warm up the schema cache and the JIT; they are not what a writer feels.
      if (i >= 3) times.push(performance.now() - start);
      expect(r.ok).toBe(true);
      if (r.ok) version = r.version;
    }
    times.sort((x, y) => x - y);
    const p95 = times[Math.floor(times.length * 0.95) - 1];
    console.log(`saveArticle 10k words (${t.engine}): median ${times[12].toFixed(1)} ms, p95 ${p95.toFixed(1)} ms`);
    // Generous bound for a shared 2-core CI machine; the benchmark issue measures the real p95 over HTTP.
    expect(p95).toBeLessThan(500);
  });
});
