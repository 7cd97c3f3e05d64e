import { expect, test, TYPICAL } from "./fixtures";
import { axeViolations, hook } from "./public-helpers";

test.beforeAll(async ({ request }) => {
  // Give the typical article a featured image and a correction, so every element is checked.
  await hook(request, "decorate", TYPICAL.slug);
});

const PAGES = [
  "/",
  `/articles/${TYPICAL.slug}`,
  "/articles/european-ports-test-a-shared-cyber-alert-network",
  "/authors/claire-martin",
  "/tags/cybersecurite-francaise",
  "/sections/technologie",
  "/search",
  "/search?q=cybers%C3%A9curit%C3%A9",
  "/articles/nexiste-pas",
];

for (const path of PAGES) {
  for (const scheme of ["light", "dark"] as const) {
    test(`axe finds no serious or critical violation on ${path} (${scheme})`, async ({ page }) => {
      await page.emulateMedia({ colorScheme: scheme });
      await page.goto(path);
      expect(await axeViolations(page)).toEqual([]);
    });
  }
}

test("skip link is the first stop and moves focus to the main content", async ({ page }) => {
  await page.goto(`/articles/${TYPICAL.slug}`);
  await page.keyboard.press("Tab");
  const skip = page.getByRole("link", { name: "Aller au contenu" });
  await expect(skip).toBeFocused();
  await expect(skip).toBeVisible();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/#main$/);
  await expect(page.getByRole("main")).toHaveCount(1);
  await expect(page.getByRole("banner")).toHaveCount(1);
  await expect(page.getByRole("contentinfo")).toHaveCount(1);
});

test("screenshots at 360 px, desktop and dark mode, for a design review", async ({ page }, info) => {
  await page.setViewportSize({ width: 360, height: 780 });
  await page.goto(`/articles/${TYPICAL.slug}`);
  await page.screenshot({ path: info.outputPath("article-360.png"), fullPage: true });
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  await page.goto("/");
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  await page.screenshot({ path: info.outputPath("front-360.png"), fullPage: true });
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.screenshot({ path: info.outputPath("front-1280.png"), fullPage: true });
  await page.emulateMedia({ colorScheme: "dark" });
  await page.goto(`/articles/${TYPICAL.slug}`);
  await page.screenshot({ path: info.outputPath("article-dark-1280.png"), fullPage: true });
  await page.emulateMedia({ media: "print", colorScheme: "light" });
  await page.screenshot({ path: info.outputPath("article-print.png"), fullPage: true });
});
