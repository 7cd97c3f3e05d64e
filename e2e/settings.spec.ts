import { expect, test, TYPICAL, useAccount } from "./fixtures";

test("an admin changes site settings with errors shown at the field; a journalist gets 403", async ({ page, browser }) => {
  await useAccount(page, "admin");
  await page.getByRole("link", { name: "Settings" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Settings" })).toBeVisible();
  const zone = page.getByLabel("Newsroom time zone");
  await expect(zone).toHaveValue("Europe/Paris");
  await zone.fill("Mars/Olympus");
  await page.getByLabel("Newsroom name").fill("Le Quotidien du Test");
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByText("Not a time zone: use a name like Europe/Paris.")).toBeVisible();
  await expect(zone).toHaveAttribute("aria-invalid", "true");
  // Nothing typed is lost.
  await expect(zone).toHaveValue("Mars/Olympus");
  await expect(page.getByLabel("Newsroom name")).toHaveValue("Le Quotidien du Test");

  await zone.fill("America/Montreal");
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Settings saved." })).toBeVisible();
  await page.reload();
  await expect(page.getByLabel("Newsroom time zone")).toHaveValue("America/Montreal");
  await expect(page.getByLabel("Two-person rule")).toBeChecked();

  // Readers see publication times in the newsroom's zone.
  const reader = await (await browser.newContext()).newPage();
  await reader.goto(`/articles/${TYPICAL.slug}`);
  const iso = (await reader.locator("article header time").first().getAttribute("datetime"))!;
  // French writes the first of the month "1er" (the page does, Intl does not): on the 1st in
  // Montréal this test expected "1 décembre" and failed.
  const inZone = (timeZone: string) =>
    new Intl.DateTimeFormat("fr", { dateStyle: "long", timeStyle: "short", timeZone }).format(new Date(iso)).replace(/(^|\s)1 (?=\p{L})/u, "$11er ");
  await expect(reader.locator("article header time").first()).toHaveText(inZone("America/Montreal"));
  await reader.close();

  // Put the defaults back for the other specs sharing this database.
  await page.getByLabel("Newsroom time zone").fill("Europe/Paris");
  await page.getByLabel("Newsroom name").fill("Newsroom");
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Settings saved." })).toBeVisible();

  const journalist = await (await browser.newContext()).newPage();
  await useAccount(journalist, "claire");
  await expect(journalist.getByRole("link", { name: "Settings" })).toHaveCount(0);
  const response = await journalist.goto("/newsroom/settings");
  expect(response?.status()).toBe(403);
});

test("the site language is a setting: English site words on the public site, French articles keep theirs", async ({ page, browser }) => {
  const setSiteLanguage = async (label: "English" | "Français") => {
    await page.goto("/newsroom/settings");
    await page.getByLabel("Site language").selectOption({ label });
    await page.getByRole("button", { name: "Save settings" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Settings saved." })).toBeVisible();
  };
  await useAccount(page, "admin");
  await page.goto("/newsroom/settings");
  await expect(page.getByLabel("Site language")).toHaveValue("fr");
  await setSiteLanguage("English");
  try {
    await page.reload();
    await expect(page.getByLabel("Site language")).toHaveValue("en");

    // A reader (no session) sees the change at the next request: the settings change moved the public generation.
    const reader = await (await browser.newContext()).newPage();
    await reader.goto("/");
    await expect(reader.locator("html")).toHaveAttribute("lang", "en");
    const nav = reader.getByRole("navigation", { name: "Main navigation" });
    await expect(nav.getByRole("link", { name: "Home" })).toBeVisible();
    await expect(reader.getByRole("search", { name: "Search articles" }).getByRole("button", { name: "Search" })).toBeVisible();
    await expect(reader.getByRole("region", { name: "Top story" })).toBeVisible();
    await expect(reader.getByRole("contentinfo").getByRole("link", { name: "RSS feed" })).toBeVisible();

    // The French article keeps its own words inside the English site.
    await reader.goto(`/articles/${TYPICAL.slug}`);
    await expect(reader.locator("html")).toHaveAttribute("lang", "en");
    await expect(reader.getByRole("navigation", { name: "Main navigation" })).toBeVisible();
    await expect(reader.locator("article").first()).toHaveAttribute("lang", "fr");
    await expect(reader.getByRole("complementary", { name: "Faits saillants" })).toBeVisible();

    const missing = await reader.goto("/articles/no-such-article-anywhere");
    expect(missing?.status()).toBe(404);
    await expect(reader.getByRole("heading", { level: 1, name: "Page not found" })).toBeVisible();
    const feed = await reader.request.get("/feed.xml");
    expect(await feed.text()).toContain("<language>en</language>");
    await reader.context().close();
  } finally {
    // Put French back for the other specs sharing this database.
    await setSiteLanguage("Français");
  }
  const reader = await (await browser.newContext()).newPage();
  await reader.goto("/");
  await expect(reader.locator("html")).toHaveAttribute("lang", "fr");
  await expect(reader.getByRole("navigation", { name: "Navigation principale" })).toBeVisible();
});
