/** Chromium as the Playwright suite launches it (playwright.config.ts), signed-in pages. */
import { chromium, type Browser, type Page } from "@playwright/test";

import { ACCOUNTS, type AccountKey } from "../../e2e/fixtures";
import { eitherLanguage as either } from "../../e2e/pages/i18n";
import config from "../../playwright.config";

export async function launch(): Promise<Browser> {
  return chromium.launch({ ...config.use?.launchOptions, headless: true });
}

export async function signedIn(browser: Browser, origin: string, who: AccountKey): Promise<Page> {
  const context = await browser.newContext({ baseURL: origin, viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  page.setDefaultTimeout(30_000);
  const account = ACCOUNTS[who];
  await page.goto("/login");
  await page.getByLabel("Email").fill(account.email);
  await page.getByLabel("Password").fill(account.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/login"));
  // The bench's newsroom is new, so it speaks the site language (French); its steps read English.
  await page.goto("/newsroom/profile");
  await page.getByLabel(either("preferences.interfaceLanguage")).selectOption("en");
  await page.getByRole("button", { name: either("preferences.save") }).click();
  await page.getByText(either("preferences.saved")).waitFor();
  return page;
}

export function percentile(values: number[], p: number): number {
  if (!values.length) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length) - 1;
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank))];
}
