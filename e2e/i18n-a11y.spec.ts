import { expect, test, useAccount } from "./fixtures";
import { chooseInterfaceLanguage, label } from "./pages/i18n";
import { axeViolations } from "./public-helpers";

/**
 * The newsroom in French and in English stays accessible (axe: no serious or critical violation),
 * and screen readers and spell-checkers are told the interface's language: the newsroom's content
 * carries `lang` = the person's Interface language.
 */
/**
 * Until the newsroom layout sets `lang` from the interface language (it wraps the pages in
 * lang="en" today; helper C's branch changes it), only the header's `lang` is checked. The merger
 * sets this to false.
 */
const MAIN_LANG_PENDING = false;

/** Violations known and accepted for now, each with its page and rule (none: keep it so). */
const KNOWN: { path: string; rule: string }[] = [];

const PAGES = ["/newsroom", "/newsroom/articles/new", "/newsroom/profile", "/newsroom/users", "/newsroom/settings"];

for (const lang of ["fr", "en"] as const) {
  test(`${lang}: axe finds no serious or critical violation on the newsroom's pages, whose lang is the interface language`, async ({ page }) => {
    test.setTimeout(180_000);
    await useAccount(page, "admin");
    try {
      if (lang === "fr") await chooseInterfaceLanguage(page, "fr");
      const problems: string[] = [];
      for (const path of PAGES) {
        await page.goto(path);
        if (path.endsWith("/new")) await page.waitForURL(/\/newsroom\/articles\/[0-9a-f-]{36}$/);
        await expect(page.getByRole("navigation", { name: label(lang, "newsroom.header.navigation") })).toBeVisible();
        // The language a screen reader uses for the page's content: the nearest `lang` around <main>.
        await expect(page.getByRole("banner")).toHaveAttribute("lang", lang);
        const mainLang = await page
          .locator("main")
          .first()
          .evaluate((el) => el.closest("[lang]")?.getAttribute("lang"));
        if (mainLang !== lang && !MAIN_LANG_PENDING) problems.push(`${path}: lang of <main> is ${mainLang}, not ${lang}`);
        const known = (v: string) => KNOWN.some((k) => k.path === path && v.startsWith(`${k.rule}:`));
        problems.push(...(await axeViolations(page)).filter((v) => !known(v)).map((v) => `${path}: ${v}`));
      }
      expect(problems).toEqual([]);
    } finally {
      if (lang === "fr") await chooseInterfaceLanguage(page, "en");
    }
  });
}
