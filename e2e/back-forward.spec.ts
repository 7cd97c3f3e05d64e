import type { Page } from "@playwright/test";

import { expect, test } from "./fixtures";

/*
 * Public pages may be kept by the browser for back/forward navigation: they say
 * `Cache-Control: private, no-cache` (server/cdn.mjs), not Next's `no-store`, which bars a page
 * from the back/forward cache of browsers that follow the rule strictly (Safari, Firefox, older
 * Chromium; recent Chromium relaxes it when no cookie changed, so the restore below passes there
 * either way: the headers are what this test holds). A reader going back gets the page at once.
 */
test("a reader going back to the front page gets it from the back/forward cache, and public pages say private, no-cache", async ({ playwright, baseURL }) => {
  // Playwright turns the back/forward cache off by default: this reader's browser has it, as everyone's does.
  const launchOptions = test.info().project.use.launchOptions ?? {};
  const browser = await playwright.chromium.launch({ ...launchOptions, ignoreDefaultArgs: ["--disable-back-forward-cache"] });
  try {
    await readerGoesBack(await (await browser.newContext({ baseURL })).newPage());
  } finally {
    await browser.close();
  }
});

async function readerGoesBack(page: Page) {
  await page.addInitScript(() => {
    addEventListener("pageshow", (event) => {
      (window as unknown as { restored?: boolean }).restored = event.persisted;
    });
  });
  const first = await page.goto("/");
  expect(first?.headers()["cache-control"]).toBe("private, no-cache");
  const again = await page.goto("/");
  expect(again?.headers()["x-newsroom-cache"]).toBe("hit");
  expect(again?.headers()["cache-control"]).toBe("private, no-cache");
  await page.locator("main").getByRole("link").filter({ hasText: /\w/ }).first().click();
  await expect(page).toHaveURL(/\/articles\//);
  // A page restored from the back/forward cache fires no load event: wait for the commit only.
  await page.goBack({ waitUntil: "commit" });
  await expect(page).toHaveURL(/\/$/);
  await expect.poll(() => page.evaluate(() => (window as unknown as { restored?: boolean }).restored)).toBe(true);
  // The newsroom keeps Next's no-store: what an editor sees is never kept.
  const login = await page.request.get("/login");
  expect(login.headers()["cache-control"]).toContain("no-store");
}
