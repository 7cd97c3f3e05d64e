import { existsSync, readFileSync } from "node:fs";
import type { Browser } from "@playwright/test";

import { ACCOUNTS, expect, signIn, test, type AccountKey } from "./fixtures";

/**
 * Issue #19, sign-in findings over HTTP against the production server (server/serve.mjs):
 * the server listens on loopback only (1), `next` and Auth.js' callbackUrl never leave the site
 * and never give a 500 (2), signing out ends the session for a captured cookie too (10).
 */
const PORT = Number(process.env.E2E_PORT || 3200);
const ORIGIN = `http://localhost:${PORT}`;
const COOKIE = "authjs.session-token";

// Own made-up client address per test (the harness trusts a loopback proxy): the per-address
// sign-in limit never couples specs.
test.beforeEach(async ({ page }) => {
  const [a, b, c] = Array.from({ length: 3 }, () => Math.floor(Math.random() * 254) + 1);
  await page.setExtraHTTPHeaders({ "x-forwarded-for": `10.${a}.${b}.${c}` });
});

/** The payloads, as they appear raw in the query string. */
const NEXT_PAYLOADS = [
  "/%09/evil.example/phish",
  "/%0d%0a/evil.example/phish",
  "/%0D%0ASet-Cookie:%20x=1",
  "/%0B/evil.example",
  "/%0C/evil.example",
  "/%E2%80%A8/evil.example",
  "/%E2%80%A9/evil.example",
  "/%5C/evil.example",
  "/%5C%5Cevil.example",
  "/\\evil.example",
  "/\\\\evil.example",
  "//evil.example",
  "/%2F/evil.example",
  "/.//evil.example",
  "https://evil.example",
  "https:evil.example",
  "%2F%2Fevil.example",
  "/%2509/evil.example",
];

function onSite(location: string | undefined) {
  expect(location, "a Location header").toBeTruthy();
  const url = new URL(location!, ORIGIN);
  expect(url.origin).toBe(ORIGIN);
  expect(url.pathname.startsWith("//")).toBe(false);
}

async function sessionCookie(browser: Browser, who: AccountKey) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, who);
  const cookie = (await context.cookies()).find((c) => c.name === COOKIE);
  expect(cookie).toBeTruthy();
  return { context, page, header: `${COOKIE}=${cookie!.value}` };
}

test("the server listens on loopback only unless -H or HOSTNAME says otherwise", async () => {
  test.skip(!existsSync("/proc/net/tcp"), "needs Linux /proc/net");
  const listeners: string[] = [];
  for (const file of ["/proc/net/tcp", "/proc/net/tcp6"]) {
    if (!existsSync(file)) continue;
    for (const line of readFileSync(file, "utf8").split("\n").slice(1)) {
      const [, local, , state] = line.trim().split(/\s+/);
      if (!local || state !== "0A") continue;
      const [addr, port] = local.split(":");
      if (parseInt(port, 16) === PORT) listeners.push(addr);
    }
  }
  expect(listeners.length).toBeGreaterThan(0);
  const loopback = (addr: string) =>
    addr.length === 8 ? addr.endsWith("7F") : addr === "00000000000000000000000001000000" || /^0000000000000000FFFF0000[0-9A-F]{6}7F$/.test(addr);
  expect(
    listeners.filter((a) => !loopback(a)),
    "listening on a non-loopback address",
  ).toEqual([]);
});

test("a signed-in visit to /login?next=<hostile> stays on the site and never fails", async ({ browser }) => {
  const { context, header } = await sessionCookie(browser, "claire");
  for (const payload of NEXT_PAYLOADS) {
    const r = await context.request.get(`/login?next=${payload}`, { headers: { cookie: header }, maxRedirects: 0 });
    expect(r.status(), payload).toBeLessThan(500);
    expect([303, 307, 308], payload).toContain(r.status());
    onSite(r.headers().location);
    expect(new URL(r.headers().location!, ORIGIN).pathname, payload).toBe("/newsroom");
  }
  // An ordinary path is kept.
  const ok = await context.request.get(`/login?next=${encodeURIComponent("/newsroom/profile")}`, { headers: { cookie: header }, maxRedirects: 0 });
  expect(new URL(ok.headers().location!, ORIGIN).pathname).toBe("/newsroom/profile");
  await context.close();
});

test("a real sign-in with a hostile next lands on the site", async ({ page }) => {
  for (const payload of ["/%09/evil.example/phish", "/%E2%80%A8/evil.example", "/%5C%5Cevil.example"]) {
    await page.context().clearCookies();
    const r = await page.goto(`/login?next=${payload}`);
    expect(r?.status()).toBe(200);
    await page.getByLabel("Email").fill(ACCOUNTS.yanis.email);
    await page.getByLabel("Password").fill(ACCOUNTS.yanis.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL((url) => !url.pathname.startsWith("/login"));
    expect(new URL(page.url()).origin).toBe(ORIGIN);
    await expect(page).toHaveURL(/\/newsroom$/);
  }
});

test("Auth.js callbackUrl and the callback-url cookie never leave the site", async ({ playwright }) => {
  for (const callbackUrl of ["https://evil.example/phish", "//evil.example", "/\t/evil.example", "/\r\n/evil.example", "not a url", `${ORIGIN}/%0d%0a/x`]) {
    // A successful sign-in, from its own address (no failures that could count against other specs).
    const api = await playwright.request.newContext({
      baseURL: ORIGIN,
      extraHTTPHeaders: { "x-forwarded-for": `10.99.${Math.floor(Math.random() * 254) + 1}.${Math.floor(Math.random() * 254) + 1}` },
    });
    const { csrfToken } = await (await api.get("/api/auth/csrf")).json();
    const r = await api.post("/api/auth/callback/credentials", {
      form: { email: ACCOUNTS.editor.email, password: ACCOUNTS.editor.password, csrfToken, callbackUrl },
      maxRedirects: 0,
    });
    expect(r.headers()["set-cookie"] ?? "", callbackUrl).toContain(COOKIE);
    expect(r.status(), callbackUrl).toBeLessThan(500);
    onSite(r.headers().location);
    const cookie = (r.headers()["set-cookie"] ?? "").match(/authjs\.callback-url=([^;]*)/)?.[1];
    if (cookie) expect(new URL(decodeURIComponent(cookie)).origin).toBe(ORIGIN);
    await api.dispose();
  }
});

test("after signing out, a copy of the session cookie is refused", async ({ browser, playwright }) => {
  const { context, page, header } = await sessionCookie(browser, "yanis");
  const replay = await playwright.request.newContext({ baseURL: ORIGIN });
  expect((await replay.get("/newsroom/profile", { headers: { cookie: header }, maxRedirects: 0 })).status()).toBe(200);
  await page.goto("/newsroom");
  await page.getByRole("button", { name: "Sign out", exact: true }).click();
  await page.waitForURL(/\/login/);
  const after = await replay.get("/newsroom/profile", { headers: { cookie: header }, maxRedirects: 0 });
  expect(after.status()).toBe(307);
  expect(after.headers().location).toMatch(/\/login/);
  await replay.dispose();
  await context.close();
});

test("Sign out everywhere ends the sessions on every device", async ({ browser }) => {
  const laptop = await sessionCookie(browser, "claire");
  const phone = await sessionCookie(browser, "claire");
  await phone.page.goto("/newsroom/profile");
  await expect(phone.page.getByRole("heading", { name: "My profile" })).toBeVisible();
  await laptop.page.goto("/newsroom/profile");
  await laptop.page.getByRole("button", { name: "Sign out everywhere" }).click();
  await laptop.page.waitForURL(/\/login\?signed-out=everywhere/);
  await expect(laptop.page.getByRole("status")).toHaveText("You are signed out on every device.");
  await phone.page.goto("/newsroom/profile");
  await expect(phone.page).toHaveURL(/\/login/);
  // Signing in again works as usual.
  await signIn(phone.page, "claire");
  await expect(phone.page).toHaveURL(/\/newsroom$/);
  await laptop.context.close();
  await phone.context.close();
});
