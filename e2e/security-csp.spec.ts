import type { Page } from "@playwright/test";

import { expect, test, TYPICAL } from "./fixtures";
import { EditorPage } from "./pages/editor-page";

/**
 * The Content-Security-Policy lets only this response's nonce run script ('strict-dynamic', no
 * 'unsafe-inline'): Next's own scripts carry the nonce and run (application pages, error pages).
 * A reader's page has no script but structured data: its markup names no nonce (one body for
 * every reader, from the page cache too), its policy header a nonce of its own. Injected markup
 * runs on neither.
 */

/** Records CSP violations from before the page's first script (an init script is not subject to CSP). */
async function watchViolations(page: Page): Promise<() => Promise<string[]>> {
  const fromConsole: string[] = [];
  page.on("console", (m) => {
    if (/Content Security Policy/i.test(m.text())) fromConsole.push(m.text());
  });
  await page.addInitScript(() => {
    const w = window as unknown as { __csp: string[] };
    w.__csp = [];
    document.addEventListener("securitypolicyviolation", (e) => w.__csp.push(`${e.violatedDirective} ${e.blockedURI} ${e.sample}`));
  });
  return async () => [...fromConsole, ...(await page.evaluate(() => (window as unknown as { __csp: string[] }).__csp))];
}

const scriptSrc = (policy: string | undefined) =>
  policy
    ?.split(";")
    .find((d) => d.trim().startsWith("script-src"))
    ?.trim() ?? "";
const nonceOf = (policy: string | undefined) => /'nonce-([^']+)'/.exec(scriptSrc(policy))?.[1];

/** Next's client runtime started (hydration ran): it sets window.next. */
const nextRan = (page: Page) => page.evaluate(() => Boolean((window as unknown as { next?: { version?: string } }).next?.version));

/** A reader's pages: no script at all but structured data (server/page-cache/no-client-js.mjs). */
const READER_PAGES = ["/", `/articles/${TYPICAL.slug}`, "/authors/claire-martin", "/tags/chine", "/sections/international", "/search?q=chine"];

test("every reader's page type: a nonce policy without 'unsafe-inline', no script but structured data, no nonce in the markup, no violation, from the cache too", async ({
  page,
}) => {
  const violations = await watchViolations(page);
  for (const path of READER_PAGES) {
    // Twice: the second answer of a public page comes from the page cache.
    for (const round of [1, 2]) {
      const response = await page.goto(path);
      const policy = response?.headers()["content-security-policy"];
      expect(scriptSrc(policy), `${path} (${round})`).toMatch(/^script-src 'nonce-[A-Za-z0-9_-]{22}' 'strict-dynamic'$/);
      if (round === 2) expect(response?.headers()["x-newsroom-cache"], path).toBe("hit");
      expect(response?.headers().link ?? "", path).not.toContain("nonce");
      expect(await page.locator("[nonce]").count(), path).toBe(0);
      expect(await nextRan(page), `${path} (${round})`).toBe(false);
      const scripts = await page.locator("script").evaluateAll((els) => els.map((e) => (e as HTMLScriptElement).type || "classic"));
      expect(
        scripts.filter((type) => type !== "application/ld+json"),
        `${path} (${round})`,
      ).toEqual([]);
      const preloads = await page.locator('link[rel="modulepreload"], link[rel="preload"][as="script"]').count();
      expect(preloads, path).toBe(0);
      expect(await violations(), `${path} (${round})`).toEqual([]);
    }
  }
  // A reader's 404 is drawn on the server (server/not-found-page.mjs): no script either.
  const missing = await page.goto("/articles/this-page-does-not-exist");
  expect(missing?.status()).toBe(404);
  expect(scriptSrc(missing?.headers()["content-security-policy"])).toMatch(/^script-src 'nonce-[A-Za-z0-9_-]{22}' 'strict-dynamic'$/);
  await expect(page.getByRole("heading", { level: 1, name: "Page introuvable" })).toBeVisible();
  expect(await nextRan(page)).toBe(false);
  expect(await page.locator("script, [nonce]").count()).toBe(0);
  expect(await violations()).toEqual([]);
  // The sign-in page is an application page: it keeps its scripts, which carry the nonce and run.
  await page.goto("/login");
  expect(await nextRan(page)).toBe(true);
  expect(await page.locator("script[nonce]").count()).toBeGreaterThan(0);
  expect(await violations()).toEqual([]);
});

test("newsroom pages, the editor included, run under the policy with no violation", async ({ as }) => {
  const page = await as("admin");
  const violations = await watchViolations(page);
  const editor = new EditorPage(page);
  const id = await editor.create(); // a client component creates the draft: scripts ran
  await editor.typeInBody("Texte sous CSP stricte.");
  await editor.saved();
  for (const path of [
    "/newsroom",
    `/newsroom/articles/${id}`,
    `/newsroom/articles/${id}/history`,
    "/newsroom/profile",
    "/newsroom/settings",
    "/newsroom/users",
    "/newsroom/tags",
    "/newsroom/sections",
    "/newsroom/log",
    "/newsroom/notifications",
  ]) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(200);
    expect(scriptSrc(response?.headers()["content-security-policy"]), path).not.toContain("unsafe-inline");
    expect(await nextRan(page), path).toBe(true);
    expect(await violations(), path).toEqual([]);
  }
});

test("an inline script injected into a rendered page is blocked", async ({ page }) => {
  const violations = await watchViolations(page);
  const path = `/articles/${TYPICAL.slug}`;
  // Stored markup that slipped into the page's HTML, served with the page's own headers.
  await page.route(`**${path}`, async (route) => {
    const response = await route.fetch();
    const html = (await response.text()).replace(
      "</main>",
      `<script>window.__injected = "inline";</script><img src="/x" onerror="window.__injected = 'handler'"></main>`,
    );
    expect(html).toContain("__injected");
    await route.fulfill({ response, body: html });
  });
  await page.goto(path);
  await expect.poll(async () => (await violations()).length).toBeGreaterThanOrEqual(2);
  expect(await page.evaluate(() => (window as unknown as { __injected?: string }).__injected)).toBeUndefined();
  const seen = await violations();
  expect(seen.some((v) => v.startsWith("script-src-elem inline"))).toBe(true);
  expect(seen.some((v) => v.startsWith("script-src-attr inline"))).toBe(true);
  // The page itself is still there.
  await expect(page.getByRole("heading", { level: 1, name: TYPICAL.headline })).toBeVisible();
});

test("no two responses share a nonce, from the page cache or not; a reader's page names it in its policy alone", async ({ request }) => {
  const seen = new Set<string>();
  for (const path of [`/articles/${TYPICAL.slug}`, "/", "/login", "/articles/this-page-does-not-exist"]) {
    for (let i = 0; i < 10; i++) {
      const response = await request.get(path, { headers: { "accept-encoding": i % 2 ? "gzip" : "identity" } });
      expect(response.status()).toBe(path.includes("does-not-exist") ? 404 : 200);
      const nonce = nonceOf(response.headers()["content-security-policy"]);
      expect(nonce, path).toBeTruthy();
      expect(seen.has(nonce!), `${path}: nonce reused`).toBe(false);
      seen.add(nonce!);
      const body = await response.text();
      // Every nonce in the page is this response's; a reader's page (its 404 included) has none.
      const inPage = new Set([...body.matchAll(/nonce="([^"]+)"/g)].map((m) => m[1]));
      expect([...inPage], path).toEqual(path === "/login" ? [nonce] : []);
    }
  }
});

test("an image from another https site is allowed (an imported article keeps its old site's images); an http one is not", async ({ page }) => {
  const violations = await watchViolations(page);
  await page.goto(`/articles/${TYPICAL.slug}`);
  await page.evaluate(() => {
    for (const src of ["https://images.example/port.jpg", "http://images.example/quai.jpg"]) {
      const img = document.createElement("img");
      img.alt = "";
      img.src = src;
      document.body.append(img);
    }
  });
  // The http one is refused (the console's report and the page's event); the https one is not.
  await expect.poll(async () => (await violations()).some((v) => v.includes("http://images.example/quai.jpg"))).toBe(true);
  expect((await violations()).filter((v) => v.includes("https://images.example"))).toEqual([]);
});
