import { test as base, expect, type Page } from "@playwright/test";
import { TEST_DEMO_PASSWORDS } from "./demo-passwords.mjs";

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

export async function signIn(page: Page, who: AccountKey, next?: string) {
  const account = ACCOUNTS[who];
  await page.goto(next ? `/login?next=${encodeURIComponent(next)}` : "/login");
  await page.getByLabel("Email").fill(account.email);
  await page.getByLabel("Password").fill(account.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/login"));
}

export const test = base;
export { expect };
