import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { apiKeys, users, webhookDeliveries, webhookEndpoints } from "@/db/schema";
import { createApiKey, revokeApiKey } from "@/lib/content-api/keys";
import { canGlobal, type PolicyUser } from "@/lib/permissions";
import { createTestDb, type TestDb } from "@/testing/db";
import { makeCast, type Cast } from "@/testing/workflow-fixtures";

import { createWebhookEndpoint, deleteWebhookEndpoint, redeliverWebhook } from "./webhooks";

/**
 * Who may manage Content API keys and webhooks: admins only. Each role (and signed out, and a
 * deactivated admin) tries every action; a refusal changes nothing.
 */
let t: TestDb;
let cast: Cast & { gone: PolicyUser };
let keyId: string;
let endpointId: string;
let deliveryId: number;

const saved = process.env.WEBHOOK_ALLOW_PRIVATE;
beforeAll(async () => {
  process.env.WEBHOOK_ALLOW_PRIVATE = "1";
  t = await createTestDb();
  const c = await makeCast(t.db, "authz-int-");
  const [gone] = await t.db.insert(users).values({ email: "gone-admin@example.test", name: "Gone", role: "admin", active: false }).returning();
  cast = { ...c, gone: { id: gone.id, role: "admin", active: false } };
  const k = await createApiKey(t.db, cast.admin, { name: "Existing" });
  const e = await createWebhookEndpoint(t.db, cast.admin, { url: "http://127.0.0.1:9/hook", events: ["article.published"] });
  if (!k.ok || !e.ok) throw new Error("setup");
  keyId = k.id;
  endpointId = e.id;
  const [d] = await t.db
    .insert(webhookDeliveries)
    .values({ endpointId, messageId: "msg_fixture", event: "article.published", payload: "{}", status: "failed", retryUntil: new Date() })
    .returning();
  deliveryId = d.id;
}, 120_000);
afterAll(async () => {
  if (saved === undefined) delete process.env.WEBHOOK_ALLOW_PRIVATE;
  else process.env.WEBHOOK_ALLOW_PRIVATE = saved;
  await t?.drop();
});

const snapshot = async () =>
  JSON.stringify([
    await t.db.select().from(apiKeys).orderBy(apiKeys.id),
    await t.db.select().from(webhookEndpoints).orderBy(webhookEndpoints.id),
    await t.db.select().from(webhookDeliveries).orderBy(webhookDeliveries.id),
  ]);

type Who = "signed_out" | "deactivated" | "claire" | "editor";
const refusedActors: Who[] = ["signed_out", "deactivated", "claire", "editor"];
const actor = (who: Who): PolicyUser | null => (who === "signed_out" ? null : who === "deactivated" ? cast.gone : cast[who]);

describe(`integrations authorisation (${process.env.TEST_ENGINE ?? "pglite"})`, () => {
  it.each(refusedActors)("%s can neither create nor revoke keys, nor add, delete or redeliver webhooks, and changes nothing", async (who) => {
    const u = actor(who);
    expect(canGlobal(u, "api_keys:manage").ok).toBe(false);
    expect(canGlobal(u, "webhooks:manage").ok).toBe(false);
    const before = await snapshot();
    const results = [
      await createApiKey(t.db, u, { name: "Sneaky" }),
      await revokeApiKey(t.db, u, keyId),
      await createWebhookEndpoint(t.db, u, { url: "https://example.org/hook", events: ["article.published"] }),
      await deleteWebhookEndpoint(t.db, u, endpointId),
      await redeliverWebhook(t.db, u, deliveryId),
    ];
    for (const r of results) expect(r).toMatchObject({ ok: false, code: who === "signed_out" || who === "deactivated" ? "unauthenticated" : "forbidden" });
    expect(await snapshot()).toBe(before);
  });

  it("an admin creates and revokes keys, adds, redelivers and deletes webhooks", async () => {
    expect(canGlobal(cast.admin, "api_keys:manage").ok).toBe(true);
    expect(canGlobal(cast.admin, "webhooks:manage").ok).toBe(true);
    const k = await createApiKey(t.db, cast.admin, { name: "Nouvelle" });
    expect(k).toMatchObject({ ok: true, key: expect.stringMatching(/^nrk_/) });
    if (!k.ok) return;
    // Only a hash is stored: the key itself is nowhere in the table.
    expect(JSON.stringify(await t.db.select().from(apiKeys))).not.toContain(k.key);
    expect(await revokeApiKey(t.db, cast.admin, k.id)).toEqual({ ok: true });
    expect(await revokeApiKey(t.db, cast.admin, k.id)).toMatchObject({ ok: false, code: "not_found" });
    expect(await redeliverWebhook(t.db, cast.admin, deliveryId)).toEqual({ ok: true });
    const e = await createWebhookEndpoint(t.db, cast.admin, { url: "https://example.org/hook", events: ["article.updated"] });
    expect(e).toMatchObject({ ok: true, secret: expect.stringMatching(/^whsec_/) });
    expect(await deleteWebhookEndpoint(t.db, cast.admin, endpointId)).toEqual({ ok: true });
  });

  it("a key name is required; a bad one is refused at its field", async () => {
    expect(await createApiKey(t.db, cast.admin, { name: "  " })).toMatchObject({ ok: false, fieldErrors: { name: [expect.any(String)] } });
  });
});
