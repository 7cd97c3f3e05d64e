import { test as setup } from "@playwright/test";

import { ACCOUNTS, authFile, type AccountKey } from "./fixtures";
import { chooseInterfaceLanguage } from "./pages/i18n";
import { LoginPage } from "./pages/login-page";

// Each demo account signs in once, through the real form; the specs reuse the saved session.
// The newsroom speaks the site language (French in the demo) to whoever has not chosen: the demo
// accounts choose English, the language the specs are written in (the French runs choose French
// and put English back).
for (const who of Object.keys(ACCOUNTS) as AccountKey[]) {
  setup(`sign in as ${who}`, async ({ page }) => {
    await new LoginPage(page).signIn(ACCOUNTS[who]);
    await chooseInterfaceLanguage(page, "en");
    await page.context().storageState({ path: authFile(who) });
  });
}
