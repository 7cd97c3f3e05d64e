import { DRAFT_SLUG, expect, test, TYPICAL } from "./fixtures";

test("the front page lists the seeded published article", async ({ page }) => {
  await page.goto("/");
  // Other specs may publish newer articles: the typical one is then listed under latest and its section.
  await expect(page.getByRole("link", { name: TYPICAL.headline }).first()).toBeVisible();
  await expect(page.getByRole("link", { name: "Brouillon : enquête sur les failles des objets connectés" })).toHaveCount(0);
});

test("the typical French article shows key points, body, tags and the author's English bio", async ({ page }) => {
  await page.goto(`/articles/${TYPICAL.slug}`);
  await expect(page.getByRole("heading", { level: 1, name: TYPICAL.headline })).toBeVisible();
  await expect(page.locator("article").first()).toHaveAttribute("lang", "fr");
  const keyPoints = page.getByRole("complementary", { name: "Faits saillants" });
  await expect(keyPoints.getByRole("listitem")).toHaveCount(8);
  await expect(page.getByText("« La Chine s’oppose fermement à toute forme de cyberattaque", { exact: false })).toBeVisible();
  await expect(page.getByRole("link", { name: "#CybersécuritéFrançaise" })).toHaveAttribute("href", "/tags/cybersecurite-francaise");
  await expect(page.getByRole("link", { name: "#APT41" })).toBeVisible();
  const bio = page.getByText("Claire Martin covers cyber security", { exact: false });
  await expect(bio).toBeVisible();
  await expect(bio.locator("xpath=ancestor::*[@lang][1]")).toHaveAttribute("lang", "en");
  await expect(page.getByRole("link", { name: "Claire Martin" }).first()).toHaveAttribute("href", "/authors/claire-martin");
});

test("a draft's slug answers 404 and leaks nothing", async ({ page }) => {
  const response = await page.goto(`/articles/${DRAFT_SLUG}`);
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Page introuvable" })).toBeVisible();
  await expect(page.getByText("objets connectés")).toHaveCount(0);
});

test("the readiness endpoint reports the database to the holder of READY_TOKEN", async ({ request }) => {
  // /api/health only says the process answers; the details moved behind a token.
  const response = await request.get("/api/ready", { headers: { authorization: `Bearer ${process.env.READY_TOKEN || "e2e-ready-token-not-for-production"}` } });
  expect(response.ok()).toBe(true);
  expect((await response.json()).migrations.applied).toBeGreaterThanOrEqual(2);
});
