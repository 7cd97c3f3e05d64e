import type { Page } from "@playwright/test";

import { expect, test, useAccount } from "./fixtures";
import { axeViolations, slugOf } from "./public-helpers";

// Own made-up client address per test: the per-IP sign-in limit never couples specs.
test.beforeEach(async ({ page }) => {
  const [a, b, c] = Array.from({ length: 3 }, () => Math.floor(Math.random() * 254) + 1);
  await page.setExtraHTTPHeaders({ "x-forwarded-for": `10.${a}.${b}.${c}` });
});

const ENERGY = slugOf("energy");
const publicNav = (page: Page) => page.getByRole("navigation", { name: "Navigation principale" });
const sectionNames = (page: Page) => page.getByRole("textbox", { name: /^Name of section / });

test("a journalist gets 403 at both routes", async ({ page }) => {
  await useAccount(page, "claire");
  for (const path of ["/newsroom/tags", "/newsroom/sections"]) {
    const response = await page.goto(path);
    expect(response?.status()).toBe(403);
    await expect(page.getByRole("heading", { level: 1, name: "Access denied" })).toBeVisible();
  }
});

test("an editor creates a section: field errors keep the text, it shows in the public navigation, moves, and is deleted", async ({ page }) => {
  await useAccount(page, "editor", "/newsroom/sections");
  await expect(page.getByRole("heading", { level: 1, name: "Sections" })).toBeVisible();
  const name = page.getByLabel("Name", { exact: true });
  await page.getByRole("button", { name: "Create section" }).click();
  await expect(page.getByText("Enter a name.")).toBeVisible();
  await expect(name).toHaveAttribute("aria-invalid", "true");

  await name.fill("Sciences & Santé");
  await page.getByRole("button", { name: "Create section" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Section “Sciences & Santé” created at /sections/sciences-sante." })).toBeVisible();
  await expect(sectionNames(page).last()).toHaveValue("Sciences & Santé");

  await name.fill("sciences  SANTÉ");
  await page.getByRole("button", { name: "Create section" }).click();
  await expect(page.getByText("A section with this name already exists.")).toBeVisible();
  await expect(name).toHaveValue("sciences  SANTÉ");

  await page.goto("/");
  await expect(publicNav(page).getByRole("link", { name: "Sciences & Santé" })).toHaveAttribute("href", "/sections/sciences-sante");

  // Keyboard reordering: focus stays on the button, so it can be pressed again.
  await page.goto("/newsroom/sections");
  const before = await sectionNames(page).evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value));
  const up = page.getByRole("button", { name: "Move up Sciences & Santé" });
  await up.focus();
  await page.keyboard.press("Enter");
  await expect(sectionNames(page).nth(before.length - 2)).toHaveValue("Sciences & Santé");
  await expect(up).toBeFocused();
  await page.goto("/");
  const navOrder = await publicNav(page).getByRole("link").allTextContents();
  expect(navOrder.indexOf("Sciences & Santé")).toBeLessThan(navOrder.indexOf(before.at(-2)!));

  // A used section is kept with a reason; an unused one goes.
  await page.goto("/newsroom/sections");
  await page.getByRole("button", { name: "Delete Économie" }).click();
  await expect(page.getByRole("alert").filter({ hasText: /“Économie” is used by \d+ articles?/ })).toBeVisible();
  await page.getByRole("button", { name: "Delete Sciences & Santé" }).click();
  await expect(page.getByRole("button", { name: "Delete Sciences & Santé" })).toHaveCount(0);
  await page.goto("/");
  await expect(publicNav(page).getByRole("link", { name: "Sciences & Santé" })).toHaveCount(0);
});

test("an editor renames a tag and the public tag and article pages follow", async ({ page }) => {
  await useAccount(page, "editor", "/newsroom/tags?q=pouvoir");
  const field = page.getByLabel("Name of tag PouvoirDAchat");
  await field.fill("Budget des ménages");
  await page.getByRole("button", { name: "Rename #PouvoirDAchat" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Renamed #Budget des ménages; its page is now /tags/budget-des-menages." })).toBeVisible();

  await page.goto("/tags/budget-des-menages");
  await expect(page.getByRole("heading", { level: 1 })).toContainText("#Budget des ménages");
  await expect(page.locator(`a[href="/articles/${ENERGY}"]`).first()).toBeVisible();
  // The old address, its pages and its feed answer a permanent redirect to the new ones.
  const old = await page.request.get("/tags/pouvoir-d-achat?page=1", { maxRedirects: 0 });
  expect(old.status()).toBe(308);
  expect(old.headers()["location"]).toMatch(/\/tags\/budget-des-menages$/);
  await page.goto("/tags/pouvoir-d-achat");
  await expect(page).toHaveURL(/\/tags\/budget-des-menages$/);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("#Budget des ménages");
  const feed = await page.request.get("/tags/pouvoir-d-achat/feed.xml", { maxRedirects: 0 });
  expect(feed.status()).toBe(308);
  expect(feed.headers()["location"]).toMatch(/\/tags\/budget-des-menages\/feed\.xml$/);
  await page.goto(`/articles/${ENERGY}`);
  await expect(page.getByRole("link", { name: "#Budget des ménages" })).toHaveAttribute("href", "/tags/budget-des-menages");
});

test("an editor merges tags: by the offer after a clashing rename, and by typing the target", async ({ page }) => {
  await useAccount(page, "editor", "/newsroom/tags?q=industrie");
  await page.getByLabel("Name of tag Industrie").fill("#énergie");
  await page.getByRole("button", { name: "Rename #Industrie" }).click();
  await expect(page.getByText("This is the same tag as “Énergie”, which already exists: merge instead.")).toBeVisible();
  await expect(page.getByLabel("Name of tag Industrie")).toHaveValue("#énergie");
  await page.getByRole("button", { name: "Merge #Industrie into #Énergie" }).click();
  await expect(page.getByRole("status").filter({ hasText: "#Industrie merged into #Énergie" })).toBeVisible();

  await page.goto("/newsroom/tags?q=electricite");
  await page.getByLabel("Merge #Électricité into tag").fill("Nulle part");
  await page.getByRole("button", { name: "Merge #Électricité" }).click();
  await expect(page.getByText("No tag “Nulle part” exists.")).toBeVisible();
  await page.getByLabel("Merge #Électricité into tag").fill("#Energie");
  await page.getByRole("button", { name: "Merge #Électricité" }).click();
  await expect(page.getByRole("status").filter({ hasText: "#Électricité merged into #Énergie: 1 article now tagged #Énergie instead." })).toBeVisible();

  await page.goto("/newsroom/tags?q=energie");
  await expect(page.getByRole("row").filter({ hasText: "energie" }).getByRole("cell").nth(3)).toHaveText("1");
  // The merged tags' addresses lead to the tag they were merged into.
  for (const merged of ["/tags/industrie", "/tags/electricite"]) {
    await page.goto(merged);
    await expect(page).toHaveURL(/\/tags\/energie$/);
  }
  await page.goto(`/articles/${ENERGY}`);
  await expect(page.getByRole("link", { name: "#Énergie" })).toHaveCount(1);
  await expect(page.getByRole("link", { name: "#Industrie" })).toHaveCount(0);
  await page.goto("/tags/energie");
  await expect(page.locator(`a[href="/articles/${ENERGY}"]`).first()).toBeVisible();
});

test("a tag in use cannot be deleted", async ({ page }) => {
  await useAccount(page, "editor", "/newsroom/tags?q=logistics");
  await page.getByRole("button", { name: "Delete #Logistics" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "“Logistics” is used by 1 article: merge it into another tag instead." })).toBeVisible();
});

for (const path of ["/newsroom/tags", "/newsroom/sections"]) {
  test(`axe finds no serious or critical violation on ${path}`, async ({ page }) => {
    await useAccount(page, "editor", path);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    expect(await axeViolations(page)).toEqual([]);
  });
}
