/**
 * Hostile requests over HTTP against the production server (server/serve.mjs + the build):
 * forwarded headers a client makes up, the health/readiness split, the Pages Router data route, and
 * requests the page cache must answer without a new render. node:http rather than Playwright's
 * request context, so empty header values and HEAD go out exactly as written.
 */
import { readFileSync } from "node:fs";
import { request as httpRequest } from "node:http";
import path from "node:path";

import { expect, test, TYPICAL } from "./fixtures";

const port = Number(process.env.E2E_PORT || 3200);
const READY_TOKEN = process.env.READY_TOKEN || "e2e-ready-token-not-for-production";

type Answer = { status: number; headers: Record<string, string | string[] | undefined>; body: string };
function get(pathname: string, headers: Record<string, string> = {}, method = "GET"): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const r = httpRequest({ host: "localhost", port, path: pathname, method, headers: { "accept-encoding": "identity", ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString() }));
    });
    r.on("error", reject);
    r.end();
  });
}

test.describe("client-made X-Forwarded-Proto / X-Forwarded-Host", () => {
  const paths = ["/feed.xml", `/articles/${TYPICAL.slug}`, "/sitemap.xml", "/news-sitemap.xml", "/authors/claire-martin/feed.xml", "/"];
  const hostile: Record<string, string>[] = [
    { "x-forwarded-proto": "" },
    { "x-forwarded-host": "" },
    { "x-forwarded-proto": "", "x-forwarded-host": "" },
    { "x-forwarded-proto": "gopher" },
    { "x-forwarded-proto": "https, http" },
    { "x-forwarded-host": "evil.example/phish" },
    { "x-forwarded-host": "a b" },
    { "x-forwarded-host": "user@evil.example" },
    { "x-forwarded-host": "[::1" },
    { "x-forwarded-host": "localhost:99999" },
  ];

  test("are ignored when empty or malformed: never a 5xx, links on the request's own host", async () => {
    // A host of its own for each case (127.0.0.n), so each answer is a fresh render, not a cached page.
    let n = 1;
    for (const headers of hostile) {
      const host = `127.0.0.${++n}:${port}`;
      for (const p of paths) {
        const r = await get(p, { ...headers, host });
        const what = `${p} ${JSON.stringify(headers)}`;
        expect(r.status, what).toBe(200);
        expect(r.headers["x-newsroom-cache"], what).toBe("miss");
        if (p !== "/news-sitemap.xml") expect(r.body, what).toContain(`${headers["x-forwarded-proto"]?.startsWith("https") ? "https" : "http"}://${host}/`);
        expect(r.body).not.toContain("evil.example");
        expect(r.body).not.toContain("gopher:");
      }
    }
  });

  test("never break sign-in, the newsroom gate or Auth.js (they build URLs from the same headers)", async () => {
    for (const headers of hostile) {
      for (const p of ["/login", "/newsroom", "/api/auth/session", "/api/auth/csrf", "/api/auth/providers", "/set-password?token=x"]) {
        const r = await get(p, headers);
        expect(r.status, `${p} ${JSON.stringify(headers)}`).toBeLessThan(500);
      }
    }
  });

  test("a malformed Host header answers 400, never 500", async () => {
    for (const host of ["a b", "evil.example/x", "[::1", "a, b"]) {
      for (const p of ["/login", "/", "/feed.xml"]) {
        const r = await get(p, { host });
        expect(r.status, `${p} Host: ${host}`).toBe(400);
      }
    }
  });

  test("a valid forwarded origin is followed (first entry of a list)", async () => {
    const r = await get("/feed.xml", { "x-forwarded-proto": "https", "x-forwarded-host": "news.example.org, proxy.internal" });
    expect(r.status).toBe(200);
    expect(r.body).toContain("https://news.example.org/articles/");
    expect(r.body).not.toContain("proxy.internal");
  });
});

test("a path with a malformed percent-encoding answers 400, never 500; a well-formed one is the 404 page", async () => {
  for (const p of ["/articles/%", "/articles/%E9t%E9", "/tags/%", "/authors/%zz", "/sections/%", "/%", "/%E9", "/newsroom/%", "/api/v1/articles/%"]) {
    const r = await get(p);
    expect(r.status, p).toBe(400);
  }
  expect((await get("/articles/%C3%A9t%C3%A9")).status).toBe(404);
  expect((await get("/search?q=%")).status).toBeLessThan(500);
});

test("a write to the read-only Content API answers 405 in JSON, with or without a key or an Origin", async () => {
  for (const method of ["POST", "PUT", "PATCH", "DELETE"]) {
    for (const headers of [{}, { authorization: "Bearer nrk_x", origin: "https://app.example" }] as Record<string, string>[]) {
      const r = await get("/api/v1/articles", headers, method);
      expect(r.status, method).toBe(405);
      expect(r.headers.allow).toBe("GET, HEAD, OPTIONS");
      expect(JSON.parse(r.body)).toEqual({ error: { code: "method_not_allowed", message: "The Content API is read-only: use GET." } });
    }
  }
});

test("/api/health says only that the process answers; /api/ready gives details to READY_TOKEN only", async () => {
  const health = await get("/api/health");
  expect(health.status).toBe(200);
  expect(JSON.parse(health.body)).toEqual({ ok: true });
  for (const authorization of [undefined, "Bearer wrong-token", `Basic ${READY_TOKEN}`, `Bearer ${READY_TOKEN}x`]) {
    const r = await get("/api/ready", authorization ? { authorization } : {});
    expect(r.status, authorization).toBe(200);
    expect(JSON.parse(r.body), authorization).toEqual({ ready: true });
  }
  const detailed = await get("/api/ready", { authorization: `Bearer ${READY_TOKEN}` });
  const body = JSON.parse(detailed.body);
  expect(body.ready).toBe(true);
  expect(["pglite", "postgres"]).toContain(body.engine);
  expect(body.migrations.applied).toBe(body.migrations.expected);
});

test("/_next/data/<build>/*.json answers 404 instead of rendering App Router pages", async () => {
  const buildId = readFileSync(path.join(process.cwd(), process.env.NEXT_DIST_DIR || ".next", "BUILD_ID"), "utf8").trim();
  for (const p of [
    `/_next/data/${buildId}/index.json`,
    `/_next/data/${buildId}/articles/${TYPICAL.slug}.json`,
    "/_next/data/x/index.json",
    `//_next/data/${buildId}/index.json`,
  ]) {
    const r = await get(p);
    expect(r.status, p).toBe(404);
    expect(r.body, p).not.toContain(TYPICAL.headline);
  }
});

test("junk parameters, other spellings of a slug and HEAD are answered from the page cache", async () => {
  const article = `/articles/${TYPICAL.slug}`;
  await get(article);
  const canonical = await get(article);
  expect(canonical.headers["x-newsroom-cache"]).toBe("hit");
  const variants = [
    `${article}?utm_source=${Date.now()}`,
    `${article}?page=2&fbclid=${Math.random()}`,
    `/articles/${encodeURIComponent(TYPICAL.slug).replace("la-", "%6Ca-")}`,
    `/?utm_campaign=${Date.now()}`,
  ];
  await get("/");
  for (const p of variants) {
    const r = await get(p);
    expect(r.status, p).toBe(200);
    expect(r.headers["x-newsroom-cache"], p).toBe("hit");
  }
  // Other methods on public pages used to render them uncached every time; now 405 (sent from
  // the site itself: without Origin the request guard refuses them earlier, with 403).
  for (const method of ["POST", "PUT", "DELETE", "PATCH"]) {
    const r = await get(`${article}?n=${Date.now()}`, { origin: `http://localhost:${port}` }, method);
    expect(r.status, method).toBe(405);
    expect(r.body, method).not.toContain(TYPICAL.headline);
  }
  const head = await get(`/authors/claire-martin?utm=${Date.now()}`, {}, "HEAD");
  expect(head.status).toBe(200);
  const again = await get("/authors/claire-martin");
  expect(again.headers["x-newsroom-cache"]).toBe("hit");
  // Never a compressed body to a client that did not ask for one, even after a "*" client.
  await get("/sitemaps/pages.xml", { "accept-encoding": "*" });
  const plain = await new Promise<Answer>((resolve, reject) => {
    const r = httpRequest({ host: "localhost", port, path: "/sitemaps/pages.xml" }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString() }));
    });
    r.on("error", reject);
    r.end();
  });
  expect(plain.headers["content-encoding"]).toBeUndefined();
  expect(plain.body).toContain("<urlset");
});
