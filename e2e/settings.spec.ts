import { expect, signIn, test } from "./fixtures";

test("an admin changes site settings with errors shown at the field; a journalist gets 403", async ({ page, browser }) => {
  await signIn(page, "admin");
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

  // Put the defaults back for the other specs sharing this database.
  await page.getByLabel("Newsroom time zone").fill("Europe/Paris");
  await page.getByLabel("Newsroom name").fill("Newsroom");
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Settings saved." })).toBeVisible();

  const journalist = await (await browser.newContext()).newPage();
  await signIn(journalist, "claire");
  await expect(journalist.getByRole("link", { name: "Settings" })).toHaveCount(0);
  const response = await journalist.goto("/newsroom/settings");
  expect(response?.status()).toBe(403);
});
