import type { APIRequestContext, Browser } from "@playwright/test";
import sharp from "sharp";

import { expect, test, useAccount } from "./fixtures";
import { actionIds, callAction, changed, cookieHeader, digest } from "./security-helpers";

/**
 * Request hardening over HTTP against the production build and its server
 * (server/serve.mjs, server/request-guard.mjs): request bodies are capped before anything
 * decodes them (small when signed out, the upload size only for the upload actions of a signed-in
 * user), over-limit bodies get 413 at once; server actions need proof of the same origin
 * (Origin or Sec-Fetch-Site); documents nested too deeply get a field error, never a 500; HSTS is
 * only sent over HTTPS.
 */
let ids: Record<string, string>;
let claire = "";
const base = `http://localhost:${process.env.E2E_PORT || 3200}`;

async function sessionOf(browser: Browser): Promise<string> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await useAccount(page, "claire");
  const header = cookieHeader((await context.cookies()).filter((c) => c.name === "authjs.session-token"));
  await context.close();
  return header;
}

test.beforeAll(async ({ browser }) => {
  ids = actionIds();
  claire = await sessionOf(browser);
});

/** A server action POST with exactly the headers given (no Origin unless asked). */
function rawAction(request: APIRequestContext, id: string, args: unknown[], headers: Record<string, string>, path = "/newsroom") {
  return request.post(path, {
    headers: { "next-action": id, accept: "text/x-component", "content-type": "text/plain;charset=UTF-8", cookie: claire, ...headers },
    data: JSON.stringify(args),
    maxRedirects: 0,
  });
}

async function newDraft(request: APIRequestContext): Promise<string> {
  const r = await callAction(request, ids.createDraftAction, [], { cookie: claire });
  const id = /"id":"([0-9a-f-]{36})"/.exec(r.body)?.[1];
  expect(id, r.body.slice(0, 200)).toBeTruthy();
  return id!;
}

test("HSTS only over HTTPS: none over plain HTTP; sent when the trusted proxy says the request came over HTTPS", async ({ request }) => {
  // The e2e server trusts loopback as its proxy (TRUST_PROXY=loopback in scripts/e2e-server.mjs),
  // so here X-Forwarded-Proto plays the proxy's part. That a client's own X-Forwarded-Proto
  // counts for nothing without TRUST_PROXY is lib/security/request-guard.test.ts's and
  // lib/auth/client-address.test.ts's to prove (they run servers without it).
  const plain: string[] = [];
  const viaProxy: string[] = [];
  for (const [path, cookie] of [["/"], ["/"], ["/login"], ["/feed.xml"], ["/api/health"], ["/newsroom", claire]] as [string, string?][]) {
    for (const proto of [undefined, "https"]) {
      const headers: Record<string, string> = {};
      if (cookie) headers.cookie = cookie;
      if (proto) headers["x-forwarded-proto"] = proto;
      const r = await request.get(path, { headers, maxRedirects: 0 });
      if (r.headers()["strict-transport-security"] !== undefined) (proto ? viaProxy : plain).push(path);
      // The other security headers stay.
      expect(r.headers()["x-content-type-options"], path).toBe("nosniff");
    }
  }
  expect(plain).toEqual([]);
  expect(viaProxy).toEqual(["/", "/", "/login", "/feed.xml", "/api/health", "/newsroom"]);
});

test("server actions: no Origin and no Sec-Fetch-Site, or a cross-site Sec-Fetch-Site, are refused with 403 and change nothing", async ({ request }) => {
  const before = await digest(request);
  const tries: [string, Record<string, string>][] = [
    ["neither Origin nor Sec-Fetch-Site", {}],
    ["Sec-Fetch-Site: cross-site", { "sec-fetch-site": "cross-site" }],
    ["Sec-Fetch-Site: same-site", { "sec-fetch-site": "same-site" }],
    ["Sec-Fetch-Site: none", { "sec-fetch-site": "none" }],
    ["own Origin but Sec-Fetch-Site: cross-site", { origin: base, "sec-fetch-site": "cross-site" }],
    ["Origin: null", { origin: "null" }],
  ];
  const through: string[] = [];
  for (const [name, headers] of tries) {
    const r = await rawAction(request, ids.createDraftAction, [], headers);
    if (r.status() !== 403) through.push(`${name}: ${r.status()} ${(await r.text()).slice(0, 120)}`);
    else expect(await r.text()).toContain("same origin");
  }
  // A foreign Origin: refused (here or by Next's own check), never run.
  const foreign = await rawAction(request, ids.createDraftAction, [], { origin: "https://evil.example" });
  expect(foreign.status()).toBeGreaterThanOrEqual(400);
  expect(await foreign.text()).not.toMatch(/"ok":true/);
  // A form posted without JavaScript carries the action in its body, not in a header: same rule.
  const mpa = await request.post("/newsroom", { headers: { cookie: claire }, multipart: { [`$ACTION_ID_${ids.createDraftAction}`]: "" }, maxRedirects: 0 });
  if (mpa.status() !== 403) through.push(`form post without Origin: ${mpa.status()}`);
  expect(through).toEqual([]);
  expect(changed(before, await digest(request))).toEqual([]);
  // What browsers send is accepted: Sec-Fetch-Site same-origin (with or without Origin), or our own Origin.
  for (const headers of [{ "sec-fetch-site": "same-origin" }, { "sec-fetch-site": "same-origin", origin: base }, { origin: base }] as Record<
    string,
    string
  >[]) {
    const r = await rawAction(request, ids.createDraftAction, [], headers);
    expect(await r.text(), JSON.stringify(headers)).toMatch(/"ok":true/);
  }
});

test("request bodies: capped before decoding, 413 at once; small when signed out, the upload size only for uploads", async ({ request }) => {
  const mb = (n: number) => "x".repeat(Math.round(n * 1024 * 1024));
  const timed = async (run: () => Promise<{ status(): number; text(): Promise<string> }>) => {
    const t0 = Date.now();
    const r = await run();
    return { status: r.status(), body: await r.text(), ms: Date.now() - t0 };
  };
  // Signed out: every action (sign-in included) and Auth.js get at most 64 KB.
  const anon = await timed(() =>
    request.post("/login", {
      headers: { "next-action": ids.loginAction, origin: base, "content-type": "text/plain;charset=UTF-8" },
      data: JSON.stringify([mb(12)]),
    }),
  );
  expect(anon.status).toBe(413);
  expect(anon.body).toContain("too large");
  const forged = await timed(() =>
    request.post("/newsroom", {
      headers: { "next-action": ids.uploadImageAction, origin: base, cookie: "authjs.session-token=forged", "content-type": "text/plain;charset=UTF-8" },
      data: mb(1),
    }),
  );
  expect(forged.status).toBe(413);
  const authjs = await timed(() =>
    request.post("/api/auth/callback/credentials", { form: { email: "claire@newsroom.test", password: mb(1) }, maxRedirects: 0 }),
  );
  expect(authjs.status).toBe(413);
  // Four at once, as in the report (the event loop stalled up to 6.9 s): the site keeps answering.
  const flood = Array.from({ length: 4 }, () =>
    request.post("/login", {
      headers: { "next-action": ids.loginAction, origin: base, "content-type": "text/plain;charset=UTF-8" },
      data: JSON.stringify([mb(12)]),
    }),
  );
  const t0 = Date.now();
  expect((await request.get("/robots.txt")).ok()).toBe(true);
  const robotsMs = Date.now() - t0;
  expect((await Promise.all(flood)).map((r) => r.status())).toEqual([413, 413, 413, 413]);
  expect(robotsMs).toBeLessThan(2_000);
  // Signed in: an ordinary action gets the size of the largest article save, not the upload size.
  const id = await newDraft(request);
  const save = await timed(() => rawAction(request, ids.saveArticleAction, [{ id, expectedVersion: 1, changes: { headline: mb(8) } }], { origin: base }));
  expect(save.status).toBe(413);
  for (const r of [anon, forged, authjs, save]) expect(r.ms).toBeLessThan(5_000);

  // The largest legitimate save still fits: a 2 MB body made of the characters JSON escapes twice.
  const quote = { type: "text", text: '"'.repeat(2000) };
  const paragraphs = Array.from({ length: 515 }, () => ({ type: "paragraph", content: [quote] }));
  const body = JSON.stringify({ type: "doc", content: paragraphs });
  expect(Buffer.byteLength(body)).toBeGreaterThan(1.9 * 1024 * 1024);
  expect(Buffer.byteLength(body)).toBeLessThan(2 * 1024 * 1024);
  const big = await rawAction(request, ids.saveArticleAction, [{ id, expectedVersion: 1, changes: { body, headline: "Long" } }], { origin: base });
  expect(big.status()).toBe(200);
  expect(await big.text()).toMatch(/"ok":true/);
});

test("a document nested 1,000 levels is refused with a field error, and nothing answers 500", async ({ request }) => {
  const id = await newDraft(request);
  // Built as text: JSON.stringify itself overflows the stack at 50,000 levels.
  const nested = (levels: number) =>
    `{"type":"doc","content":[${'{"type":"blockquote","content":['.repeat(levels)}{"type":"paragraph","content":[{"type":"text","text":"profond"}]}${"]}".repeat(levels)}]}`;
  for (const levels of [1_000, 50_000]) {
    // The editor sends the body as a JSON string; a crafted call can send the object itself.
    for (const asString of [true, false]) {
      const body = asString ? JSON.stringify(nested(levels)) : nested(levels);
      const r = await request.post("/newsroom", {
        headers: { "next-action": ids.saveArticleAction, accept: "text/x-component", "content-type": "text/plain;charset=UTF-8", cookie: claire, origin: base },
        data: `[{"id":"${id}","expectedVersion":1,"changes":{"body":${body}}}]`,
        maxRedirects: 0,
      });
      const text = await r.text();
      const what = `${levels} levels${asString ? " (string)" : ""}: ${r.status()} ${text.slice(0, 200)}`;
      if (!asString) {
        // Deeper than any action's arguments may nest (512): refused as it streams in, before React parses it.
        expect(r.status(), what).toBe(400);
        expect(text, what).toContain("nested too deeply");
      } else {
        expect(r.status(), what).toBe(200);
        expect(text, what).toContain("The body is nested too deeply");
      }
    }
  }
  // Nothing was saved, and the editor and the draft's preview still open.
  for (const path of [`/newsroom/articles/${id}`, `/newsroom/articles/${id}/history`]) {
    const page = await request.get(path, { headers: { cookie: claire }, maxRedirects: 0 });
    expect(page.status(), path).toBe(200);
  }
});

test("a real browser still uploads a 9.5 MB profile photo (the upload size, signed in) and saves ordinary forms", async ({ page }) => {
  await useAccount(page, "claire");
  await page.goto("/newsroom/profile");
  // A valid JPEG followed by padding up to 9.5 MB: over the ordinary 4.5 MB, under the 10 MB image limit.
  const jpeg = await sharp({ create: { width: 32, height: 32, channels: 3, background: "#884422" } })
    .jpeg()
    .toBuffer();
  const photo = Buffer.concat([jpeg, Buffer.alloc(Math.round(9.5 * 1024 * 1024) - jpeg.length, 0)]);
  const statuses: number[] = [];
  page.on("response", (r) => {
    if (r.request().method() === "POST") statuses.push(r.status());
  });
  await expect(async () => {
    await page.getByLabel("Photo").setInputFiles({ name: "portrait.jpg", mimeType: "image/jpeg", buffer: photo });
    await page.getByRole("button", { name: "Save profile" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Profile saved" })).toBeVisible({ timeout: 15_000 });
  }).toPass({ timeout: 45_000 });
  expect(statuses.filter((s) => s === 403 || s === 413)).toEqual([]);
  await expect(page.getByRole("img", { name: "Current photo" })).toBeVisible();
});
