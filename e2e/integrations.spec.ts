import { once } from "node:events";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test } from "@playwright/test";
import { Webhook } from "standardwebhooks";

import { TYPICAL, useAccount } from "./fixtures";
import { axeViolations, hook } from "./public-helpers";

/*
 * The integration settings as an admin uses them: a Content API key shown once, used, revoked;
 * a webhook endpoint (a real receiver here, verifying signatures with standardwebhooks) that gets
 * an event when an article is published, its delivery log, and Redeliver.
 */

test("an admin creates an API key (shown once), the API answers it, and a revoked key gets 401", async ({ page, request }) => {
  await useAccount(page, "admin", "/newsroom/settings/api");
  await expect(page.getByRole("heading", { name: "Content API keys", level: 1 })).toBeVisible();
  await page.getByRole("button", { name: "Create key" }).click();
  await expect(page.getByText("Give the key a name")).toBeVisible();
  await page.getByLabel("Key name").fill("Appli e2e");
  await page.getByRole("button", { name: "Create key" }).click();
  const key = await page.getByLabel("New API key").inputValue();
  expect(key).toMatch(/^nrk_/);
  expect(await axeViolations(page)).toEqual([]);

  const ok = await request.get("/api/v1/articles?limit=100", { headers: { authorization: `Bearer ${key}` } });
  expect(ok.status()).toBe(200);
  expect(ok.headers()["access-control-allow-origin"]).toBe("*");
  // Answered by the production server itself (lib/content-api/node.ts), not Next's route
  // machinery: gzipped once and sent whole, with its length (Next streams it, chunked).
  expect(ok.headers()["content-encoding"]).toBe("gzip");
  expect(ok.headers()["content-length"]).toMatch(/^\d+$/);
  expect(ok.headers()["x-frame-options"]).toBe("DENY");
  const slugs = ((await ok.json()) as { data: { slug: string }[] }).data.map((a) => a.slug);
  expect(slugs).toContain(TYPICAL.slug);
  const one = await request.get(`/api/v1/articles/${TYPICAL.slug}`, { headers: { authorization: `Bearer ${key}` } });
  expect(((await one.json()) as { data: { headline: string } }).data.headline).toBe(TYPICAL.headline);
  expect((await request.get("/api/v1/openapi.json")).status()).toBe(200);

  // Shown once: after a reload only its first characters are listed, now with a last use.
  await page.reload();
  await expect(page.getByLabel("New API key")).toHaveCount(0);
  const row = page.getByRole("row", { name: /Appli e2e/ });
  await expect(row).toContainText(key.slice(0, 10));
  await expect(row).not.toContainText(key);
  await expect(row).not.toContainText("Never");

  await page.getByRole("button", { name: "Revoke Appli e2e" }).click();
  await expect(row).toContainText("Revoked");
  const refused = await request.get("/api/v1/articles", { headers: { authorization: `Bearer ${key}` } });
  expect(refused.status()).toBe(401);
});

test("an admin adds a webhook, sees the signed delivery of a publication in the log, and redelivers it", async ({ page, request }) => {
  let secret = "";
  const received: { id: string; type: string; verified: boolean; data: { url?: string; api_url?: string } }[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      let verified = true;
      try {
        new Webhook(secret).verify(body, req.headers as Record<string, string>);
      } catch {
        verified = false;
      }
      const payload = JSON.parse(body) as { type: string; data: { url?: string; api_url?: string } };
      received.push({ id: String(req.headers["webhook-id"]), type: payload.type, verified, data: payload.data });
      res.writeHead(204).end();
    });
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/newsroom-hooks`;
  const slug = `webhook-e2e-${Date.now().toString(36)}`;
  try {
    await useAccount(page, "admin", "/newsroom/settings/webhooks");
    // Private addresses are allowed on this server (WEBHOOK_ALLOW_PRIVATE=1, for this receiver): their
    // refusal is in lib/webhooks/webhooks.int.test.ts. A bad scheme shows the field error here.
    await page.getByLabel("Endpoint URL").fill("ftp://example.org/hook");
    await page.getByRole("button", { name: "Add endpoint" }).click();
    await expect(page.getByText("The URL must start with https://")).toBeVisible();
    await expect(page.getByLabel("Endpoint URL")).toHaveValue("ftp://example.org/hook");

    await page.getByLabel("Endpoint URL").fill(url);
    await page.getByRole("button", { name: "Add endpoint" }).click();
    secret = await page.getByLabel("Signing secret").inputValue();
    expect(secret).toMatch(/^whsec_/);

    await hook(request, "create", slug, "Article pour le webhook", { state: "approved" });
    await hook(request, "publish", slug);
    await expect.poll(() => received.length, { timeout: 20_000 }).toBeGreaterThan(0);
    expect(received[0]).toMatchObject({ type: "article.published", verified: true });
    // Links that work: on the port this server was started on (`-p`), with no SITE_URL set.
    const origin = `http://localhost:${process.env.E2E_PORT || 3200}`;
    expect(received[0].data).toMatchObject({ url: `${origin}/articles/${slug}`, api_url: `${origin}/api/v1/articles/${slug}` });

    await page.reload();
    const log = page.getByRole("table", { name: `Delivery log of ${url}` });
    await expect(log.getByRole("row", { name: /article\.published/ })).toContainText("Delivered");
    await expect(log).toContainText(/204 · \d+ ms/);
    expect(await axeViolations(page)).toEqual([]);

    await log
      .getByRole("button", { name: /^Redeliver article\.published/ })
      .first()
      .click();
    await expect(page.getByText("Queued again")).toBeVisible();
    await expect.poll(() => received.length, { timeout: 20_000 }).toBeGreaterThan(1);
    expect(received[1]).toMatchObject({ id: received[0].id, verified: true });

    // Leave the site as the other specs expect it: no endpoint, and this article not the front page's lead.
    await page.getByRole("button", { name: `Delete endpoint ${url}` }).click();
    await expect(page.getByRole("table", { name: `Delivery log of ${url}` })).toHaveCount(0);
  } finally {
    await hook(request, "unpublish", slug).catch(() => {});
    server.closeAllConnections();
    server.close();
  }
});
