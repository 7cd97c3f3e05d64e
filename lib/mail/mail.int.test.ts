import { once } from "node:events";
import type { AddressInfo } from "node:net";
import { eq } from "drizzle-orm";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { emailOutbox } from "@/db/schema";
import { setSetting } from "@/lib/settings";
import { runTransition } from "@/lib/workflow/transitions";
import { createTestDb, type TestDb } from "@/testing/db";
import { articleRow, makeArticle, makeCast, noRevalidate, type Cast } from "@/testing/workflow-fixtures";

import { deliverDueMail } from "./worker";

type Received = { from: string; to: string[]; raw: string };

/** A real SMTP peer: nodemailer speaks the protocol to it over TCP. */
async function startSmtp(port = 0): Promise<{ server: SMTPServer; port: number; received: Received[] }> {
  const received: Received[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString("utf8"),
        });
        callback();
      });
    },
  });
  server.listen(port, "127.0.0.1");
  await once(server.server, "listening");
  return { server, port: (server.server.address() as AddressInfo).port, received };
}

const stop = (server: SMTPServer) => new Promise<void>((resolve) => server.close(() => resolve()));

let t: TestDb;
let cast: Cast;
const savedUrl = process.env.SMTP_URL;
beforeAll(async () => {
  t = await createTestDb();
  cast = await makeCast(t.db, "mail-");
  // Mail is written in each recipient's language, the site language by default (lib/mail/mail-language.int.test.ts).
  await setSetting(t.db, "siteLanguage", "en");
});
afterAll(async () => {
  if (savedUrl === undefined) delete process.env.SMTP_URL;
  else process.env.SMTP_URL = savedUrl;
  await t?.drop();
});

describe(`mail through SMTP (${process.env.TEST_ENGINE ?? "pglite"})`, () => {
  it("queues mail with the transition and the worker delivers it to the SMTP server", async () => {
    const smtp = await startSmtp();
    process.env.SMTP_URL = `smtp://127.0.0.1:${smtp.port}`;
    try {
      const a = await makeArticle(t.db, cast.claire.id, "Enquête sur les ports");
      expect(await runTransition(t.db, cast.claire, { articleId: a.id, action: "submit" }, { revalidate: noRevalidate })).toMatchObject({ ok: true });
      const report = await deliverDueMail(t.db, { from: "newsroom@example.test" });
      expect(report).toEqual({ sent: 3, failed: 0 });
      expect(smtp.received.flatMap((m) => m.to).sort()).toEqual([cast.editor.email, cast.editor2.email, cast.admin.email].sort());
      expect(smtp.received[0].raw).toMatch(/Subject: .*submitted/);
      const rows = await t.db.select().from(emailOutbox);
      expect(rows.every((r) => r.sentAt !== null && r.attempts === 1)).toBe(true);
      // Sent mail is not sent again.
      expect(await deliverDueMail(t.db)).toEqual({ sent: 0, failed: 0 });
    } finally {
      await stop(smtp.server);
    }
  });

  it("never fails a transition when the SMTP server is down, and retries later", async () => {
    const smtp = await startSmtp();
    const port = smtp.port;
    await stop(smtp.server);
    process.env.SMTP_URL = `smtp://127.0.0.1:${port}`;
    const a = await makeArticle(t.db, cast.claire.id, "Article pendant la panne");
    await runTransition(t.db, cast.claire, { articleId: a.id, action: "submit" }, { revalidate: noRevalidate });
    const r = await runTransition(t.db, cast.editor, { articleId: a.id, action: "approve" }, { revalidate: noRevalidate });
    expect(r).toMatchObject({ ok: true, status: "approved" });
    expect((await articleRow(t.db, a.id)).status).toBe("approved");

    const failed = await deliverDueMail(t.db);
    expect(failed.sent).toBe(0);
    expect(failed.failed).toBe(4);
    const pending = await t.db.select().from(emailOutbox).where(eq(emailOutbox.to, cast.claire.email));
    expect(pending[0]).toMatchObject({ sentAt: null, attempts: 1 });
    expect(pending[0].lastError).toBeTruthy();
    expect(pending[0].nextAttemptAt.getTime()).toBeGreaterThan(Date.now());

    // The server comes back; once the back-off has passed, the worker delivers everything.
    const back = await startSmtp(port);
    try {
      expect(await deliverDueMail(t.db)).toEqual({ sent: 0, failed: 0 });
      const report = await deliverDueMail(t.db, { now: new Date(Date.now() + 10 * 60_000) });
      expect(report).toEqual({ sent: 4, failed: 0 });
      expect(back.received.flatMap((m) => m.to)).toContain(cast.claire.email);
    } finally {
      await stop(back.server);
    }
  });
});
