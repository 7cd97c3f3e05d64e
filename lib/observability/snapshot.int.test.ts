import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { emailOutbox } from "@/db/schema";
import { MAX_ATTEMPTS } from "@/lib/mail/worker";
import { runTransition } from "@/lib/workflow/transitions";
import { createTestDb, type TestDb } from "@/testing/db";
import { makeArticle, makeCast, noRevalidate, type Cast } from "@/testing/workflow-fixtures";

import { readOperationalSnapshot } from "./snapshot";

/** What /metrics reports about the database, read from a real one (both engines). */
let t: TestDb;
let cast: Cast;
beforeAll(async () => {
  t = await createTestDb();
  cast = await makeCast(t.db);
});
afterAll(async () => {
  await t?.drop();
});

describe(`operational snapshot (${process.env.TEST_ENGINE ?? "pglite"})`, () => {
  it("scheduler lag and due articles, mail backlog and its oldest message, the pool", async () => {
    const empty = await readOperationalSnapshot(t);
    expect(empty.schedulerDue).toBe(0);
    expect(empty.schedulerLagSeconds).toBe(0);
    expect(empty.engine).toBe(t.engine);
    expect(empty.dbPoolMax).toBeGreaterThanOrEqual(1);
    if (t.engine === "postgres") expect(Object.values(empty.dbConnections).reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(1);

    // An article scheduled for five minutes ago that no scheduler has published yet.
    const a = await makeArticle(t.db, cast.claire.id);
    const opts = { revalidate: noRevalidate };
    await runTransition(t.db, cast.claire, { articleId: a.id, action: "submit" }, opts);
    await runTransition(t.db, cast.editor, { articleId: a.id, action: "approve" }, opts);
    const at = new Date(Date.now() - 300_000);
    await runTransition(t.db, cast.editor, { articleId: a.id, action: "schedule", scheduledAt: at }, { ...opts, now: new Date(at.getTime() - 60_000) });

    const before = await readOperationalSnapshot(t);
    await t.db.insert(emailOutbox).values([
      { to: "a@example.test", subject: "s", text: "t", createdAt: new Date(Date.now() - 7_200_000) },
      { to: "b@example.test", subject: "s", text: "t" },
      { to: "c@example.test", subject: "s", text: "t", sentAt: new Date() }, // sent: not waiting
      { to: "d@example.test", subject: "s", text: "t", attempts: MAX_ATTEMPTS, createdAt: new Date(Date.now() - 90_000_000) }, // given up
    ]);
    const after = await readOperationalSnapshot(t);
    expect(after.schedulerDue).toBe(1);
    expect(after.schedulerLagSeconds).toBeGreaterThanOrEqual(299);
    expect(after.schedulerLagSeconds).toBeLessThan(400);
    expect(after.outboxes.mail.pending - before.outboxes.mail.pending).toBe(2);
    expect(after.outboxes.mail.oldestSeconds).toBeGreaterThanOrEqual(7199);
    expect(after.outboxes.mail.oldestSeconds).toBeLessThan(80_000);
    expect(after.dbPingSeconds).toBeGreaterThan(0);

    await t.db.execute(sql`update articles set status = 'published', scheduled_at = null where id = ${a.id}`);
    expect((await readOperationalSnapshot(t)).schedulerDue).toBe(0);
  });
});
