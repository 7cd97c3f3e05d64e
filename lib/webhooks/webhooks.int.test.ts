import { once } from "node:events";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { eq } from "drizzle-orm";
import { Webhook } from "standardwebhooks";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";

import { articles, webhookAttempts, webhookDeliveries, webhookEndpoints } from "@/db/schema";
import { runTransition } from "@/lib/workflow/transitions";
import { createTestDb, type TestDb } from "@/testing/db";
import { articleInState, makeCast, noRevalidate, type Cast } from "@/testing/workflow-fixtures";

import { isPrivateAddress } from "./ssrf";
import { createWebhookEndpoint, payloadOrigin, redeliverWebhook } from "./webhooks";
import { deliverDueWebhooks, webhookRetryDelayMs } from "./worker";

/*
 * Webhooks end to end against a real HTTP receiver on 127.0.0.1 that verifies every signature
 * with the standardwebhooks library: queued with the transition (which never waits), delivered
 * by the worker, retried with back-off through a receiver failure under the same webhook-id,
 * logged, redelivered; and refused towards private addresses unless WEBHOOK_ALLOW_PRIVATE=1.
 */
type Receipt = { id: string; type: string; verified: boolean; body: string };
type Receiver = { url: string; receipts: Receipt[]; answers: number[]; close: () => Promise<void> };

/** A receiver answering the statuses in `answers` in turn (then 200), verifying each signature. */
async function startReceiver(secret: () => string, answers: number[] = [], opts: { hang?: boolean; redirectTo?: string } = {}): Promise<Receiver> {
  const receipts: Receipt[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      let verified = false;
      try {
        new Webhook(secret()).verify(body, req.headers as Record<string, string>);
        verified = true;
      } catch {
        verified = false;
      }
      receipts.push({ id: String(req.headers["webhook-id"]), type: JSON.parse(body).type, verified, body });
      if (opts.hang) return;
      if (opts.redirectTo) {
        res.writeHead(302, { location: opts.redirectTo }).end();
        return;
      }
      res.writeHead(answers.shift() ?? 200).end("ok");
    });
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks`,
    receipts,
    answers,
    close: () => new Promise<void>((resolve) => (server.closeAllConnections(), server.close(() => resolve()))),
  };
}

let t: TestDb;
let cast: Cast;
const saved = process.env.WEBHOOK_ALLOW_PRIVATE;
beforeAll(async () => {
  t = await createTestDb();
  cast = await makeCast(t.db, "hook-");
}, 120_000);
afterAll(async () => {
  if (saved === undefined) delete process.env.WEBHOOK_ALLOW_PRIVATE;
  else process.env.WEBHOOK_ALLOW_PRIVATE = saved;
  await t?.drop();
});
afterEach(async () => {
  await t.db.delete(webhookEndpoints);
  process.env.WEBHOOK_ALLOW_PRIVATE = "1";
});

async function endpoint(url: string, events = ["article.published", "article.updated", "article.unpublished", "article.corrected"]) {
  process.env.WEBHOOK_ALLOW_PRIVATE = "1";
  const r = await createWebhookEndpoint(t.db, cast.admin, { url, events });
  if (!r.ok) throw new Error(r.message);
  return r;
}

const approved = () => articleInState(t.db, { authorId: cast.claire.id, publisherId: cast.editor.id, status: "approved" });
const publishNow = (articleId: string) => runTransition(t.db, cast.editor, { articleId, action: "publish" }, { revalidate: noRevalidate });

describe(`webhooks (${process.env.TEST_ENGINE ?? "pglite"})`, () => {
  it("signs every delivery, retries through a receiver failure (500 then 200) under the same webhook-id, and logs each attempt", async () => {
    let secret = "";
    const rx = await startReceiver(() => secret, [500]);
    try {
      secret = (await endpoint(rx.url, ["article.published"])).secret;
      expect(secret).toMatch(/^whsec_/);
      const id = await approved();
      expect(await publishNow(id)).toMatchObject({ ok: true, status: "published" });
      // Publishing only queued the delivery: nothing reached the receiver yet.
      expect(rx.receipts).toHaveLength(0);

      expect(await deliverDueWebhooks(t.db)).toEqual({ delivered: 0, failed: 1, gaveUp: 0 });
      const [pending] = await t.db.select().from(webhookDeliveries);
      expect(pending).toMatchObject({ status: "pending", attempts: 1, lastStatusCode: 500 });
      expect(pending.nextAttemptAt.getTime()).toBeGreaterThan(Date.now() + 20_000);
      // Not due yet: nothing sent.
      expect(await deliverDueWebhooks(t.db)).toEqual({ delivered: 0, failed: 0, gaveUp: 0 });
      expect(await deliverDueWebhooks(t.db, { now: new Date(Date.now() + 60_000) })).toEqual({ delivered: 1, failed: 0, gaveUp: 0 });

      expect(rx.receipts).toHaveLength(2);
      expect(rx.receipts.every((r) => r.verified)).toBe(true);
      expect(rx.receipts[0].id).toBe(rx.receipts[1].id);
      expect(rx.receipts[0].body).toBe(rx.receipts[1].body);
      const payload = JSON.parse(rx.receipts[0].body);
      expect(payload).toMatchObject({ type: "article.published", data: { id, slug: expect.any(String), headline: expect.any(String) } });
      // Links a receiver elsewhere can follow: absolute, on the public site's origin.
      expect(payload.data.url).toBe(`${payloadOrigin()}/articles/${payload.data.slug}`);
      expect(payload.data.api_url).toMatch(/^https?:\/\/[^/]+\/api\/v1\/articles\//);
      const attempts = await t.db.select().from(webhookAttempts).where(eq(webhookAttempts.deliveryId, pending.id)).orderBy(webhookAttempts.id);
      expect(attempts.map((a) => a.statusCode)).toEqual([500, 200]);
      expect(attempts.every((a) => a.latencyMs >= 0)).toBe(true);
      const [done] = await t.db.select().from(webhookDeliveries);
      expect(done).toMatchObject({ status: "delivered", attempts: 2, lastStatusCode: 200 });

      // Redeliver: the same message (same webhook-id) once more.
      expect(await redeliverWebhook(t.db, cast.admin, done.id)).toEqual({ ok: true });
      expect(await deliverDueWebhooks(t.db)).toEqual({ delivered: 1, failed: 0, gaveUp: 0 });
      expect(rx.receipts).toHaveLength(3);
      expect(rx.receipts[2]).toMatchObject({ id: rx.receipts[0].id, verified: true });
    } finally {
      await rx.close();
    }
  });

  it("sends updated, corrected and unpublished events to the endpoints that chose them", async () => {
    let secret = "";
    const rx = await startReceiver(() => secret);
    try {
      secret = (await endpoint(rx.url)).secret;
      const id = await approved();
      await publishNow(id);
      await t.db.update(articles).set({ headline: "Titre mis à jour", hasUnpublishedChanges: true }).where(eq(articles.id, id));
      const upd = await runTransition(t.db, cast.editor, { articleId: id, action: "publish", correction: "Une date corrigée." }, { revalidate: noRevalidate });
      expect(upd).toMatchObject({ ok: true });
      await runTransition(t.db, cast.editor, { articleId: id, action: "unpublish", comment: "Retrait juridique" }, { revalidate: noRevalidate });
      await deliverDueWebhooks(t.db);
      expect(rx.receipts.map((r) => r.type).sort()).toEqual(["article.corrected", "article.published", "article.unpublished", "article.updated"]);
      expect(rx.receipts.every((r) => r.verified)).toBe(true);
      expect(new Set(rx.receipts.map((r) => r.id)).size).toBe(4);
      expect(JSON.parse(rx.receipts.find((r) => r.type === "article.corrected")!.body).data.correction).toBe("Une date corrigée.");
    } finally {
      await rx.close();
    }
  });

  it("gives up after 24 hours of back-off and never follows a redirect", async () => {
    expect([1, 2, 3, 4, 5, 6].map(webhookRetryDelayMs)).toEqual([30_000, 120_000, 480_000, 1_920_000, 7_680_000, 30_720_000]);
    const elsewhere = await startReceiver(() => "whsec_AAAA");
    const rx = await startReceiver(() => "whsec_AAAA", [], { redirectTo: elsewhere.url });
    try {
      await endpoint(rx.url, ["article.published"]);
      await publishNow(await approved());
      expect(await deliverDueWebhooks(t.db)).toMatchObject({ failed: 1 });
      expect(elsewhere.receipts).toHaveLength(0);
      const [row] = await t.db.select().from(webhookDeliveries);
      expect(row.lastStatusCode).toBe(302);
      expect(await deliverDueWebhooks(t.db, { now: new Date(row.retryUntil.getTime() + 1000) })).toMatchObject({ gaveUp: 1 });
      const [after] = await t.db.select().from(webhookDeliveries);
      expect(after.status).toBe("failed");
    } finally {
      await rx.close();
      await elsewhere.close();
    }
  });

  it("times out a receiver that does not answer, without holding the transition", async () => {
    const rx = await startReceiver(() => "whsec_AAAA", [], { hang: true });
    try {
      await endpoint(rx.url, ["article.published"]);
      const r = await publishNow(await approved());
      expect(r.ok).toBe(true);
      const report = await deliverDueWebhooks(t.db, { timeoutMs: 300 });
      expect(report.failed).toBe(1);
      const [row] = await t.db.select().from(webhookDeliveries);
      expect(row.lastError).toMatch(/no answer within/);
    } finally {
      await rx.close();
    }
  });

  it("refuses private, loopback and link-local addresses at registration and at delivery unless WEBHOOK_ALLOW_PRIVATE=1", async () => {
    delete process.env.WEBHOOK_ALLOW_PRIVATE;
    for (const url of [
      "http://169.254.169.254/latest/meta-data/",
      "http://127.0.0.1:9/x",
      "http://[::1]/x",
      "http://10.1.2.3/",
      "http://localhost/x",
      "http://[::ffff:127.0.0.1]/",
    ]) {
      const r = await createWebhookEndpoint(t.db, cast.admin, { url, events: ["article.published"] });
      expect(r.ok, url).toBe(false);
      if (!r.ok) expect(r.fieldErrors?.url?.[0], url).toMatch(/private, loopback or link-local/);
    }
    const bad = await createWebhookEndpoint(t.db, cast.admin, { url: "ftp://example.org/", events: [] });
    expect(bad).toMatchObject({ ok: false, fieldErrors: { url: [expect.stringMatching(/https/)], events: [expect.any(String)] } });
    expect(await t.db.select().from(webhookEndpoints)).toHaveLength(0);

    // An endpoint stored while allowed (or whose name now resolves privately) is refused at delivery.
    const rx = await startReceiver(() => "whsec_AAAA");
    try {
      await endpoint(rx.url.replace("127.0.0.1", "localhost"), ["article.published"]);
      delete process.env.WEBHOOK_ALLOW_PRIVATE;
      await publishNow(await approved());
      expect(await deliverDueWebhooks(t.db)).toMatchObject({ failed: 1 });
      expect(rx.receipts).toHaveLength(0);
      const [row] = await t.db.select().from(webhookDeliveries);
      expect(row.lastError).toMatch(/private, loopback or link-local/);
    } finally {
      await rx.close();
    }
    expect(["169.254.169.254", "127.0.0.1", "::1", "fe80::1", "fd00::1", "192.168.1.1", "172.20.0.1", "0.0.0.0", "::ffff:7f00:1"].every(isPrivateAddress)).toBe(
      true,
    );
    expect(["93.184.216.34", "2606:4700::1111", "8.8.8.8"].some(isPrivateAddress)).toBe(false);
  });
});

describe("the payload's links", () => {
  it("are absolute: the public site's origin when set, else the local server's", () => {
    expect(payloadOrigin({ SITE_URL: "https://news.example.org/" })).toBe("https://news.example.org");
    expect(payloadOrigin({ APP_URL: "https://newsroom.example.org/x" })).toBe("https://newsroom.example.org");
    expect(payloadOrigin({ PORT: "3100" })).toBe("http://localhost:3100");
    expect(payloadOrigin({})).toBe("http://localhost:3000");
  });
});
