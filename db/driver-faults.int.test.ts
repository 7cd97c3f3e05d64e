/**
 * The PostgreSQL driver as patched at install (patches/README.md) when a connection is terminated
 * under it or a query fails part-way through its rows (PostgreSQL only: PGlite has no connections). Deterministic versions of what
 * lib/articles/db-faults.int.test.ts provokes at random: postgres-js 3.4.9 kept a transaction's
 * later queries going to the connection after its socket closed, i.e. to the next session,
 * outside the transaction and out of step with the protocol (a SELECT resolved with no rows,
 * answers shifted to other queries, the pool stalled), and let the closed session's error and
 * in-flight query leak into the next one (the reconnected connection's first query failed), and
 * kept counting rows from where a failed query stopped (the next query came back with holes).
 */
import { eq, sql } from "drizzle-orm";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { openDb, queryRows, type Handle } from "@/db";
import { sections } from "@/db/schema";
import { createTestDb, type TestDb } from "@/testing/db";

const engine = process.env.TEST_ENGINE === "postgres" ? "postgres" : "pglite";
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const settle = <T>(p: Promise<T>) =>
  p.then(
    (value) => ({ ok: true as const, value }),
    (error: unknown) => ({ ok: false as const, error }),
  );

let t: TestDb;
let one: Handle; // a pool of one connection: every query reuses the connection that was terminated
let admin: postgres.Sql;
let sectionId: number;

beforeAll(async () => {
  if (engine !== "postgres") return;
  t = await createTestDb();
  one = await openDb({ databaseUrl: t.url, migrate: false, max: 1 });
  admin = postgres(process.env.TEST_PG_URL || "postgres://postgres@127.0.0.1:5432/postgres", { max: 1, onnotice: () => {} });
  [{ id: sectionId }] = await t.db.insert(sections).values({ name: "Faults", slug: "faults" }).returning({ id: sections.id });
});
afterAll(async () => {
  await one?.close();
  await admin?.end({ timeout: 5 });
  await t?.drop();
});

const pidOf = async (db: Handle["db"]) => (await queryRows<{ pid: number }>(db, sql`select pg_backend_pid() as pid`))[0].pid;
const terminate = (pid: number) => admin`select pg_terminate_backend(${pid})`;
const readName = () => one.db.select({ name: sections.name }).from(sections).where(eq(sections.id, sectionId));

describe.skipIf(engine !== "postgres")("patched postgres-js under terminated connections", () => {
  it(
    "a transaction whose connection dies runs nothing more, anywhere; reads on the reconnected connection get their own rows",
    { timeout: 60_000 },
    async () => {
      const outcomes = { txRejected: 0, laterStatementRejected: 0, readsOk: 0 };
      for (let round = 0; round < 24; round++) {
        let reads: Promise<{ ok: boolean; value?: unknown }>[] = [];
        let callbackDone!: (later: { ok: boolean }) => void;
        const laterStatement = new Promise<{ ok: boolean }>((r) => (callbackDone = r));
        const tx = settle(
          one.db.transaction(async (tx) => {
            await terminate(await pidOf(tx as unknown as Handle["db"]));
            // Readers arrive meanwhile: the pool reconnects this same connection for them.
            reads = [1, 2, 3].map(() => settle(readName()));
            await sleep((round % 12) * 15); // from "closed" through "reconnecting" (backoff 0.1 s) to "reconnected"
            const r = await settle(
              tx
                .update(sections)
                .set({ name: `changed ${round}` })
                .where(eq(sections.id, sectionId))
                .returning({ name: sections.name }),
            );
            callbackDone(r);
            if (!r.ok) throw r.error;
            return r.value;
          }),
        );
        const result = await Promise.race([tx, sleep(10_000).then(() => "hung" as const)]);
        expect(result, `round ${round}: the transaction must settle`).not.toBe("hung");
        if (result !== "hung" && !result.ok) outcomes.txRejected++;
        // The transaction fails as soon as its connection closes; its callback goes on meanwhile.
        if (!(await laterStatement).ok) outcomes.laterStatementRejected++;
        for (const r of await Promise.all(reads)) {
          // A read may fail (the connection died), but never answer with someone else's result.
          if (r.ok) {
            expect(r.value, `round ${round}`).toEqual([{ name: "Faults" }]);
            outcomes.readsOk++;
          }
        }
        // The UPDATE after the terminated BEGIN must not have committed on a new session.
        expect(await readName(), `round ${round}: nothing committed outside the transaction`).toEqual([{ name: "Faults" }]);
      }
      expect(outcomes.txRejected).toBe(24);
      expect(outcomes.laterStatementRejected).toBe(24);
      // The readers' connection came back: the stale transaction did not poison or shift it.
      expect(outcomes.readsOk).toBe(72);
    },
  );

  it("the closed session's error does not fail the reconnected connection's first query", async () => {
    for (let round = 0; round < 5; round++) {
      const pid = await pidOf(one.db);
      const long = settle(one.db.execute(sql`select pg_sleep(5)`));
      await sleep(100);
      await terminate(pid);
      const r = await long;
      expect(r.ok).toBe(false);
      const error = (r as { error: Error & { cause?: Error } }).error;
      expect(`${error.message} ${error.cause?.message}`).toMatch(/terminat|CONNECTION_CLOSED/i);
      // The next query reconnects the same connection and must simply work.
      expect(await readName()).toEqual([{ name: "Faults" }]);
    }
  });

  it("a query that fails part-way through its rows leaves the next query's rows whole", async () => {
    // Three rows arrive, then the fourth divides by zero. The same (only) connection then runs
    // the next query, sent right behind the failing one (pipelined) and again after it settled.
    const failing = () => one.db.execute(sql`select i, 1 / (4 - i) as boom from generate_series(1, 10) i`);
    const next = () => queryRows<{ x: number }>(one.db, sql`select x from generate_series(1, 5) x`);
    for (let round = 0; round < 3; round++) {
      const [failed, pipelined] = await Promise.all([settle(failing()), next()]);
      expect(failed.ok).toBe(false);
      expect(pipelined, `round ${round}: pipelined`).toEqual([1, 2, 3, 4, 5].map((x) => ({ x })));
      expect(Object.keys(pipelined)).toHaveLength(5); // no holes before the first row
      expect((await settle(failing())).ok).toBe(false);
      const after = await next();
      expect(after, `round ${round}: after`).toEqual([1, 2, 3, 4, 5].map((x) => ({ x })));
      expect(Object.keys(after)).toHaveLength(5);
    }
  });
});
