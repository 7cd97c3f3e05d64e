import { test as setup } from "@playwright/test";

import { ACCOUNTS, authFile, type AccountKey } from "./fixtures";
import { LoginPage } from "./pages/login-page";

// Each demo account signs in once, through the real form; the specs reuse the saved session.
for (const who of Object.keys(ACCOUNTS) as AccountKey[]) {
  setup(`sign in as ${who}`, async ({ page }) => {
    await new LoginPage(page).signIn(ACCOUNTS[who]);
    await page.context().storageState({ path: authFile(who) });
  });
}
