import { readFile } from "node:fs/promises";
import path from "node:path";
import { test as base, expect, type BrowserContext, type Page } from "@playwright/test";

import { TEST_DEMO_PASSWORDS } from "./demo-passwords.mjs";
import { DashboardPage } from "./pages/dashboard-page";
import { EditorPage } from "./pages/editor-page";
import { LoginPage } from "./pages/login-page";

/** Demo accounts seeded by scripts/prepare.ts (lib/demo/content.ts), with the passwords scripts/e2e-server.mjs gives them. */
export const ACCOUNTS = {
  admin: { email: "admin@newsroom.test", password: TEST_DEMO_PASSWORDS.admin, name: "Amélie Rousseau" },
  editor: { email: "editor@newsroom.test", password: TEST_DEMO_PASSWORDS.editor, name: "Marc Dubois" },
  claire: { email: "claire@newsroom.test", password: TEST_DEMO_PASSWORDS.claire, name: "Claire Martin" },
  yanis: { email: "yanis@newsroom.test", password: TEST_DEMO_PASSWORDS.yanis, name: "Yanis Benali" },
} as const;
export type AccountKey = keyof typeof ACCOUNTS;

export const TYPICAL = {
  slug: "la-chine-nie-toute-implication-dans-la-cyberattaque-contre-les-hopitaux-francais",
  headline: "La Chine nie toute implication dans la cyberattaque contre les hôpitaux français",
};
export const DRAFT_SLUG = "brouillon-enquete-sur-les-failles-des-objets-connectes";

/** Where e2e/auth.setup.ts saves each demo account's signed-in browser state. */
// One folder per suite's server (its port): the two engines' suites may run side by side.
export const authFile = (who: AccountKey) => path.join(".tmp", `e2e-auth-${process.env.E2E_PORT || 3200}`, `${who}.json`);

/** Signs in through the form: for the specs that sign out or test the form (the others use saved sessions). */
export async function signIn(page: Page, who: AccountKey, next?: string) {
  await new LoginPage(page).signIn(ACCOUNTS[who], next);
}

/**
 * Opens `next` (the newsroom by default, where the sign-in form lands) with a demo account's saved
 * session. Signing out ends every session of the account, the saved one too: when a spec before
 * (accounts, security-auth) did, the account signs in through the form again and the new session
 * is saved for the specs after.
 */
async function openSignedIn(page: Page, who: AccountKey, next: string) {
  await page.goto(next);
  if (!new URL(page.url()).pathname.startsWith("/login")) return;
  await new LoginPage(page).signIn(ACCOUNTS[who], next);
  await page.context().storageState({ path: authFile(who) });
}

/** Gives the page's browser a demo account's saved session, then opens `next`. */
export async function useAccount(page: Page, who: AccountKey, next = "/newsroom") {
  const { cookies } = JSON.parse(await readFile(authFile(who), "utf8")) as { cookies: Parameters<BrowserContext["addCookies"]>[0] };
  await page.context().addCookies(cookies);
  await openSignedIn(page, who, next);
}

type Fixtures = {
  loginPage: LoginPage;
  editorPage: EditorPage;
  dashboard: DashboardPage;
  /** A page of its own browser, signed in as a demo account (saved session), on the newsroom. */
  as: (who: AccountKey) => Promise<Page>;
};

export const test = base.extend<Fixtures>({
  loginPage: async ({ page }, use) => use(new LoginPage(page)),
  editorPage: async ({ page }, use) => use(new EditorPage(page)),
  dashboard: async ({ page }, use) => use(new DashboardPage(page)),
  as: async ({ browser }, use) => {
    const contexts: BrowserContext[] = [];
    await use(async (who) => {
      const context = await browser.newContext({ storageState: authFile(who) });
      contexts.push(context);
      const page = await context.newPage();
      await openSignedIn(page, who, "/newsroom");
      return page;
    });
    for (const context of contexts) await context.close();
  },
});
export { expect };
