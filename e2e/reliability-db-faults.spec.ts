/**
 * Database faults in the browser (PostgreSQL only: PGlite has no server to lose). The suite's
 * database refuses connections and loses the ones it had (ALLOW_CONNECTIONS false +
 * pg_terminate_backend), as during a restart: readers get a page that says what happened with a
 * working "Try again", the editor's autosave retries, and nothing typed is lost.
 */
import type { Page } from "@playwright/test";
import postgres from "postgres";

import { expect, test, TYPICAL, useAccount } from "./fixtures";

const adminUrl = process.env.E2E_PG_URL;
const dbName = `newsroom_e2e_${process.env.E2E_PORT || "3200"}`;
const status = (page: Page) => page.getByTestId("save-status");
const body = (page: Page) => page.getByRole("textbox", { name: "Body", exact: true });

test.skip(!adminUrl, "needs PostgreSQL (E2E_PG_URL)");
test.describe.configure({ mode: "serial" });

let admin: ReturnType<typeof postgres>;
test.beforeAll(() => {
  admin = postgres(adminUrl!, { max: 1, onnotice: () => {} });
});
test.afterEach(() => up());
test.afterAll(async () => admin?.end());

/** The database goes away: new connections refused, open ones terminated. */
async function down() {
  await admin.unsafe(`ALTER DATABASE ${dbName} ALLOW_CONNECTIONS false`);
  await admin`select pg_terminate_backend(pid) from pg_stat_activity where datname = ${dbName} and pid <> pg_backend_pid()`;
}
async function up() {
  await admin?.unsafe(`ALTER DATABASE ${dbName} ALLOW_CONNECTIONS true`);
}

test("a reader hitting the outage gets an error page with Try again, which works once the database is back", async ({ page }) => {
  await useAccount(page, "editor");
  await down();
  const response = await page.goto("/newsroom");
  expect(response?.status()).toBeGreaterThanOrEqual(500);
  await expect(page.getByRole("heading", { name: /Something went wrong/ })).toBeVisible();
  const again = page.getByRole("button", { name: /Try again/ });
  await again.click();
  // Still down: still the error page, never a blank one (let the retry's request settle).
  await page.waitForTimeout(3000);
  await expect(page.getByRole("heading", { name: /Something went wrong/ })).toBeVisible();
  await up();
  await again.click();
  await expect(page.getByRole("heading", { name: /Something went wrong/ })).toHaveCount(0, { timeout: 15_000 });
  await expect(page.getByRole("main")).toBeVisible();
  await expect(page).toHaveURL(/\/newsroom$/);
});

test("a public page during the outage: the cached page or the error page, then the live page", async ({ page }) => {
  await page.goto(`/articles/${TYPICAL.slug}`);
  await down();
  const r = await page.goto(`/articles/${TYPICAL.slug}`);
  if (r?.ok()) await expect(page.getByRole("heading", { level: 1, name: TYPICAL.headline })).toBeVisible();
  else await expect(page.getByRole("button", { name: /Try again/ })).toBeVisible();
  await up();
  await page.reload();
  await expect(page.getByRole("heading", { level: 1, name: TYPICAL.headline })).toBeVisible({ timeout: 15_000 });
});

test("autosave during the outage says so, retries, and saves everything once the database is back", async ({ page }) => {
  // The saved-copy path's autosave (the collaboration server unreachable, as in the editor specs).
  await page.context().routeWebSocket(/\/collab/, (ws) => ws.close());
  await useAccount(page, "claire");
  await page.goto("/newsroom/articles/new");
  await page.waitForURL(/\/newsroom\/articles\/[0-9a-f-]{36}$/);
  await body(page).click();
  await page.keyboard.type("Avant la panne.");
  await expect(status(page)).toHaveText(/^Saved at/, { timeout: 15_000 });
  await down();
  await page.keyboard.press("Enter");
  await page.keyboard.type("Pendant la panne de la base.");
  await expect(status(page)).toHaveText(/^Not saved: The database is unavailable right now\. Try again in a moment\. Retrying in \d+ s/, { timeout: 20_000 });
  await up();
  await expect(status(page)).toHaveText(/^Saved at/, { timeout: 30_000 });
  await page.reload();
  await expect(body(page)).toContainText("Avant la panne.");
  await expect(body(page)).toContainText("Pendant la panne de la base.");
});
