/**
 * The app process is killed (SIGKILL) while an autosave
 * is on its way. This spec runs its own second server (port E2E_PORT + 10, its own database on
 * the same engine as the suite) so it can kill and restart it.
 */
import type { Page } from "@playwright/test";

import { dropDatabase, freshDatabase, prepare, startServer, type Server, type Target } from "../scripts/stress/harness";
import { ACCOUNTS, expect, test } from "./fixtures";
import { chooseInterfaceLanguage } from "./pages/i18n";

const port = Number(process.env.E2E_PORT || 3200) + 10;
const base = `http://localhost:${port}`;
const status = (page: Page) => page.getByTestId("save-status");
const body = (page: Page) => page.getByRole("textbox", { name: "Body", exact: true });

let target: Target;
let server: Server;

test.describe.configure({ mode: "serial", timeout: 180_000 });
test.use({ baseURL: base });

test.beforeAll(async () => {
  test.setTimeout(240_000);
  target = await freshDatabase(process.env.E2E_PG_URL ? "postgres" : "pglite", port, "e2e_kill");
  prepare(target);
  server = await startServer(target, { JOBS_DISABLED: "1" });
});
// These scenarios are the saved-copy path's (autosave retries, the local backstop): the live
// document's own recovery across a server restart is proven in lib/collab/collab.int.test.ts and
// e2e/collab.spec.ts. With the collaboration server unreachable the editor takes that path.
test.beforeEach(async ({ context }) => {
  await context.routeWebSocket(/\/collab/, (ws) => ws.close());
});
test.afterAll(async () => {
  await server?.kill("SIGKILL");
  if (target) await dropDatabase(target);
});

async function openNewArticle(page: Page) {
  await page.goto("/login");
  await page.getByLabel("Email").fill(ACCOUNTS.claire.email);
  await page.getByLabel("Password").fill(ACCOUNTS.claire.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/login"));
  // This server's newsroom is new and speaks the site language, French; the checks below read English.
  await chooseInterfaceLanguage(page, "en");
  await page.goto("/newsroom/articles/new");
  await page.waitForURL(/\/newsroom\/articles\/[0-9a-f-]{36}$/);
  await expect(body(page)).toBeVisible();
  await body(page).click();
  await page.keyboard.type("Premier paragraphe, enregistré.");
  await expect(status(page)).toHaveText(/^Saved at/, { timeout: 20_000 });
  return page.url().split("/").at(-1)!;
}

/** Kills the server the moment the next autosave leaves the browser: that save never gets an answer. */
async function killDuringNextSave(page: Page) {
  let killed: Promise<void> | null = null;
  await page.route(`${base}/newsroom/articles/**`, async (route) => {
    const req = route.request();
    if (req.method() === "POST" && (req.postData() ?? "").includes("expectedVersion") && !killed) killed = server.kill("SIGKILL");
    if (killed) await killed;
    await route.continue().catch(() => {});
  });
  await page.keyboard.press("Enter");
  await page.keyboard.type("Tapé pendant que le serveur tombait.");
  await expect.poll(() => killed !== null, { timeout: 20_000 }).toBe(true);
  await killed;
  expect(server.proc.signalCode).toBe("SIGKILL");
  await expect(status(page)).toHaveText(/^Not saved: The server could not be reached\. Retrying in \d+ s/, { timeout: 20_000 });
}

test("the editor left open saves the words by itself once the app is back", async ({ page }) => {
  const id = await openNewArticle(page);
  await killDuringNextSave(page);
  server = await startServer(target, { JOBS_DISABLED: "1" });
  await expect(status(page)).toHaveText(/^Saved at/, { timeout: 60_000 });
  await page.unrouteAll({ behavior: "ignoreErrors" });
  await page.goto(`/newsroom/articles/${id}`);
  await expect(body(page)).toContainText("Tapé pendant que le serveur tombait.");
  await expect(page.getByRole("button", { name: "Restore my changes" })).toHaveCount(0);
});

test("a tab closed while the app was down offers the unsaved words back on return", async ({ context }) => {
  const page = await context.newPage();
  const id = await openNewArticle(page);
  await killDuringNextSave(page);
  await page.close();
  server = await startServer(target, { JOBS_DISABLED: "1" });

  const again = await context.newPage();
  await again.goto(`/newsroom/articles/${id}`);
  await expect(again.getByRole("heading", { name: "Unsaved changes were found on this device" })).toBeVisible();
  await expect(body(again)).not.toContainText("serveur tombait");
  await again.getByRole("button", { name: "Restore my changes" }).click();
  await expect(body(again)).toContainText("Tapé pendant que le serveur tombait.");
  await expect(status(again)).toHaveText(/^Saved at/, { timeout: 20_000 });
  await again.reload();
  await expect(body(again)).toContainText("Premier paragraphe, enregistré.");
  await expect(body(again)).toContainText("Tapé pendant que le serveur tombait.");
});
