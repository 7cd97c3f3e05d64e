/**
 * No lost update (CI size): 20 clients save the same article at once for RELIABILITY_SECONDS
 * (10 s here; `npm run test:stress` runs the 60 s HTTP version). Every acknowledged save must
 * own one version and the final text must be the last acknowledged one: 0 lost.
 */
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, expect, it } from "vitest";

import { insertUser } from "@/db/queries/users";
import { articles } from "@/db/schema";
import type { PolicyUser } from "@/lib/permissions";
import { bodyText, docFromParagraphs } from "@/lib/rich-text/body";
import { createTestDb, type TestDb } from "@/testing/db";
import { SaveLedger } from "@/testing/save-ledger";

import { saveArticle } from "./editing";
import { createArticle } from "./store";

const CLIENTS = 20;
const SECONDS = Number(process.env.RELIABILITY_SECONDS || 10);

let t: TestDb;
let people: PolicyUser[];

beforeAll(async () => {
  t = await createTestDb();
  const mk = async (i: number, role: "journalist" | "editor") => {
    const u = await insertUser({ db: t.db, email: `writer${i}@example.org`, name: `Writer ${i}`, role, passwordHash: null });
    return { id: u.id, role, active: true } as PolicyUser;
  };
  // The author and four editors take turns: saves by different people also record events.
  people = [await mk(0, "journalist"), ...(await Promise.all([1, 2, 3, 4].map((i) => mk(i, "editor"))))];
});
afterAll(async () => t?.drop());

const read = async (id: string) => {
  const [row] = await t.db.select({ version: articles.version, body: articles.body }).from(articles).where(eq(articles.id, id));
  return { version: row.version, text: bodyText(row.body) };
};

it(
  `${CLIENTS} concurrent clients for ${SECONDS} s: every acknowledged save is in the version sequence, 0 lost`,
  { timeout: (SECONDS + 60) * 1000 },
  async () => {
    const a = await createArticle(t.db, { createdById: people[0].id, headline: "Concurrent", body: docFromParagraphs(["start"]) });
    const start = await read(a.id);
    const ledger = new SaveLedger(start.version);
    const deadline = Date.now() + SECONDS * 1000;

    const client = async (i: number) => {
      const actor = people[i % people.length];
      for (let n = 0; Date.now() < deadline; n++) {
        const seen = await read(a.id);
        ledger.observe(seen.version, seen.text);
        const text = `client ${i} save ${n}`;
        try {
          const r = await saveArticle(t.db, actor, { id: a.id, expectedVersion: seen.version, changes: { body: JSON.stringify(docFromParagraphs([text])) } });
          if (r.ok) ledger.record("ack", text, r.version, seen.version);
          else if (r.code === "conflict") ledger.record("conflict", text);
          else throw new Error(`${r.code}: ${r.message}`);
        } catch (error) {
          ledger.record("error", text);
          throw error;
        }
      }
    };
    await Promise.all(Array.from({ length: CLIENTS }, (_, i) => client(i)));

    const final = await read(a.id);
    const verdict = ledger.verdict(final);
    console.log(`[no lost update] ${t.engine}: ${JSON.stringify({ ...verdict, finalVersion: final.version })}`);
    expect(verdict.problems).toEqual([]);
    expect(verdict.lost).toBe(0);
    expect(verdict.errors).toBe(0);
    expect(verdict.acknowledged).toBeGreaterThanOrEqual(5);
    expect(verdict.conflicts).toBeGreaterThan(0);
    expect(final.version).toBe(start.version + verdict.acknowledged);
  },
);
