import type { BrowserContext, Page } from "@playwright/test";

import { expect, test, useAccount } from "./fixtures";
import { EditorPage } from "./pages/editor-page";

const status = (page: Page) => new EditorPage(page).saveStatus;
const body = (page: Page) => new EditorPage(page).body;
const newArticle = (page: Page) => new EditorPage(page).create();
const typeInBody = (page: Page, text: string) => new EditorPage(page).typeInBody(text);

test("writes the typical French article and finds it intact after a reload", async ({ page }) => {
  await useAccount(page, "claire");
  await newArticle(page);
  await page.getByLabel("Headline", { exact: true }).fill("Cybersécurité : la Chine nie toute implication");
  await page.getByLabel("Dek", { exact: true }).fill("Pékin dément « catégoriquement » les accusations de l’ANSSI.");

  await page.getByRole("button", { name: "Add key point" }).click();
  await page.getByLabel("Key point 1", { exact: true }).fill("L’ANSSI attribue l’attaque au groupe APT41");
  await page.getByLabel("Key point 1", { exact: true }).press("Enter");
  await page.getByLabel("Key point 2", { exact: true }).fill("Pékin parle de « calomnies »");
  await page.getByLabel("Key point 2", { exact: true }).press("Alt+ArrowUp");
  await expect(page.getByLabel("Key point 1", { exact: true })).toHaveValue("Pékin parle de « calomnies »");

  const tags = page.getByLabel("Tags", { exact: true });
  await tags.fill("#CybersécuritéFrançaise");
  await tags.press("Enter");
  await tags.pressSequentially("APT41,");
  await tags.fill("Chine");
  await tags.press("Enter");
  await tags.fill("cybersécurité française");
  await tags.press("Enter");
  await expect(page.getByText("#cybersécurité française is already there.")).toBeVisible();
  // The same words in one case: no word break in the slug, still the same tag.
  await tags.fill("#cybersécuritéfrançaise");
  await tags.press("Enter");
  await expect(page.getByText("#cybersécuritéfrançaise is already there.")).toBeVisible();
  // Refused for its length, the typed tag stays in the field to be shortened.
  const long = "Une-étiquette-bien-trop-longue-pour-être-une-étiquette";
  await tags.fill(long);
  await tags.press("Enter");
  await expect(page.getByText("A tag is at most 50 characters.")).toBeVisible();
  await expect(tags).toHaveValue(long);
  await tags.fill("");

  await typeInBody(page, "L’attaque a visé « plusieurs hôpitaux » en France.");
  await page.keyboard.press("Enter");
  await page.getByRole("button", { name: "Bullet list" }).click();
  await page.keyboard.type("Hôpital de Rennes");
  await page.keyboard.press("Enter");
  await page.keyboard.type("Hôpital de Brest");
  await page.keyboard.press("Enter");
  await page.keyboard.press("Enter");
  await page.keyboard.type("Lire le rapport");
  await page.keyboard.press("Shift+Home");
  await page.getByRole("button", { name: "Link", exact: true }).click();
  await page.getByLabel("Link address").fill("javascript:alert(1)");
  await page.getByRole("button", { name: "Apply link" }).click();
  await expect(page.getByText("Only http, https and mailto links are allowed.")).toBeVisible();
  await page.getByLabel("Link address").fill("https://www.cert.ssi.gouv.fr/");
  await page.getByRole("button", { name: "Apply link" }).click();

  await expect(status(page)).toHaveText(/^Saved at \d\d:\d\d$/, { timeout: 15_000 });
  await expect(page.getByLabel("Slug", { exact: true })).toHaveValue("cybersecurite-la-chine-nie-toute-implication");
  await page.reload();

  await expect(page.getByLabel("Headline", { exact: true })).toHaveValue("Cybersécurité : la Chine nie toute implication");
  await expect(page.getByLabel("Dek", { exact: true })).toHaveValue("Pékin dément « catégoriquement » les accusations de l’ANSSI.");
  await expect(page.getByLabel("Key point 1", { exact: true })).toHaveValue("Pékin parle de « calomnies »");
  await expect(page.getByLabel("Key point 2", { exact: true })).toHaveValue("L’ANSSI attribue l’attaque au groupe APT41");
  await expect(page.getByRole("list", { name: "Tags added" }).getByRole("listitem")).toHaveText([/#CybersécuritéFrançaise/, /#APT41/, /#Chine/]);
  await expect(body(page)).toContainText("L’attaque a visé « plusieurs hôpitaux » en France.");
  await expect(body(page).locator("ul > li")).toHaveText(["Hôpital de Rennes", "Hôpital de Brest"]);
  await expect(body(page).locator('a[href="https://www.cert.ssi.gouv.fr/"]')).toHaveText("Lire le rapport");
  await expect(page.getByLabel("Slug", { exact: true })).toHaveValue("cybersecurite-la-chine-nie-toute-implication");
  await expect(page.getByText(/\d+ words · 1 min read/)).toBeVisible();
});

test("keeps typing offline and saves when the connection returns", async ({ page, context }) => {
  await useAccount(page, "claire");
  await newArticle(page);
  await typeInBody(page, "Premier paragraphe en ligne.");
  await expect(status(page)).toHaveText(/^Saved at/, { timeout: 15_000 });
  await context.setOffline(true);
  await new EditorPage(page).newParagraph();
  await page.keyboard.type("Écrit dans le train, sans réseau.");
  await expect(status(page)).toHaveText("Offline — changes kept on this device", { timeout: 15_000 });
  await context.setOffline(false);
  await expect(status(page)).toHaveText(/^Saved at/, { timeout: 15_000 });
  await page.reload();
  await expect(body(page)).toContainText("Écrit dans le train, sans réseau.");
});

/** These specs are about the path without a live session: the collaboration server is unreachable. */
const withoutLiveSession = (context: BrowserContext) => context.routeWebSocket(/\/collab/, (ws) => ws.close());

test("gives back the words of a page closed before its save", async ({ context }) => {
  await withoutLiveSession(context);
  const page = await context.newPage();
  await useAccount(page, "claire");
  const id = await newArticle(page);
  // The server never sees this save: the words exist only in this browser.
  await page.route("**/newsroom/articles/**", (route) => (route.request().method() === "POST" ? route.abort() : route.continue()));
  await typeInBody(page, "Des mots que le serveur n’a jamais reçus.");
  await page.waitForTimeout(600);
  await page.close();

  const again = await context.newPage();
  await again.goto(`/newsroom/articles/${id}`);
  await expect(again.getByRole("heading", { name: "Unsaved changes were found on this device" })).toBeVisible();
  await expect(body(again)).not.toContainText("jamais reçus");
  await again.getByRole("button", { name: "Restore my changes" }).click();
  await expect(body(again)).toContainText("Des mots que le serveur n’a jamais reçus.");
  await expect(status(again)).toHaveText(/^Saved at/, { timeout: 15_000 });
  await again.reload();
  await expect(body(again)).toContainText("Des mots que le serveur n’a jamais reçus.");
  await expect(again.getByRole("button", { name: "Restore my changes" })).toHaveCount(0);
});

test("a stale save shows the conflict banner and the first text survives", async ({ browser }) => {
  const claireCtx = await browser.newContext();
  const marcCtx = await browser.newContext();
  await withoutLiveSession(claireCtx);
  await withoutLiveSession(marcCtx);
  const claire = await claireCtx.newPage();
  const marc = await marcCtx.newPage();
  await useAccount(claire, "claire");
  const id = await newArticle(claire);
  await claire.getByLabel("Headline", { exact: true }).fill("Deux mains sur le même article");
  await expect(status(claire)).toHaveText(/^Saved at/, { timeout: 15_000 });

  await useAccount(marc, "editor");
  await marc.goto(`/newsroom/articles/${id}`);
  await expect(marc.getByText("Claire Martin is also editing")).toBeVisible();

  await typeInBody(claire, "Le texte de Claire, enregistré en premier.");
  await expect(status(claire)).toHaveText(/^Saved at/, { timeout: 15_000 });

  await typeInBody(marc, "Le texte de Marc, parti d’une version ancienne.");
  await expect(marc.getByRole("heading", { name: "This article was changed by Claire Martin while you were editing" })).toBeVisible({ timeout: 15_000 });
  await expect(status(marc)).toContainText("someone else saved a newer version");
  await marc.getByRole("button", { name: "See the other version" }).click();
  await expect(marc.getByRole("region", { name: "The other version" })).toContainText("Le texte de Claire, enregistré en premier.");

  await claire.reload();
  await expect(body(claire)).toContainText("Le texte de Claire, enregistré en premier.");
  await expect(body(claire)).not.toContainText("Le texte de Marc");

  await marc.getByRole("button", { name: "Keep mine as a copy" }).click();
  await marc.waitForURL((url) => /\/newsroom\/articles\/[0-9a-f-]{36}$/.test(url.pathname) && !url.pathname.endsWith(id));
  await expect(body(marc)).toContainText("Le texte de Marc, parti d’une version ancienne.");
  await expect(marc.getByLabel("Headline", { exact: true })).toHaveValue("Deux mains sur le même article");
  await claireCtx.close();
  await marcCtx.close();
});

test("history lists versions, compares two word by word and restores one", async ({ page }) => {
  await useAccount(page, "claire");
  const id = await newArticle(page);
  await typeInBody(page, "Première version du texte.");
  await page.getByLabel("Version note").fill("premier jet");
  await page.getByRole("button", { name: "Save version" }).click();
  await expect(page.getByText("Version 1 saved.")).toBeVisible();
  await body(page).click();
  await page.keyboard.press("ControlOrMeta+A");
  await page.keyboard.type("Seconde version du texte, enrichie.");
  await page.getByRole("button", { name: "Save version" }).click();
  await expect(page.getByText("Version 2 saved.")).toBeVisible();

  await page.getByRole("link", { name: "History" }).click();
  await expect(page).toHaveURL(`/newsroom/articles/${id}/history`);
  const rows = page.getByRole("row");
  await expect(rows.nth(1)).toContainText("Saved version");
  await expect(rows.nth(2)).toContainText("premier jet");
  await expect(rows.nth(2)).toContainText("Claire Martin");
  await page.getByLabel("From").selectOption("1");
  await page.getByLabel("To").selectOption("2");
  await page.getByRole("button", { name: "Compare" }).click();
  const diff = page.getByTestId("revision-diff");
  await expect(diff.locator("del")).toContainText(["Première"]);
  await expect(diff.locator("ins").first()).toContainText("Seconde");
  await expect(diff.locator("ins").last()).toContainText("enrichie");

  await page.getByRole("button", { name: "Restore revision 1" }).click();
  await page.waitForURL(new RegExp(`/newsroom/articles/${id}\\?restored=1$`));
  await expect(page.getByText("Revision 1 was restored as the working copy.")).toBeVisible();
  await expect(body(page)).toHaveText("Première version du texte.");
});

test("paste keeps the structure and drops what is outside the schema", async ({ page }) => {
  await useAccount(page, "claire");
  await newArticle(page);
  await body(page).click();
  await page.evaluate(() => {
    const html =
      '<h1>Titre collé</h1><h2>Sous-titre</h2><p>Un <b>gras</b> et <span style="color:red" onclick="alert(1)">rouge</span> ' +
      '<a href="javascript:alert(1)">piège</a> <a href="https://example.org/">lien</a></p>' +
      '<table><tr><td>cellule</td></tr></table><img src="http://tracker.example/p.gif"><script>alert(1)</script><ul><li>point</li></ul>';
    const data = new DataTransfer();
    data.setData("text/html", html);
    data.setData("text/plain", "Titre collé");
    document.querySelector("#article-body")!.dispatchEvent(new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true }));
  });
  const b = body(page);
  // A pasted top-level heading becomes the body's top level (h2): the headline is the article's own field.
  await expect(b.locator("h2")).toHaveText(["Titre collé", "Sous-titre"]);
  await expect(b.locator("h1")).toHaveCount(0);
  await expect(b).toContainText("Titre collé");
  await expect(b.locator("strong")).toHaveText("gras");
  await expect(b.locator("[style], [onclick], table, img, script")).toHaveCount(0);
  await expect(b.locator('a[href^="javascript"]')).toHaveCount(0);
  await expect(b.locator('a[href="https://example.org/"]')).toHaveText("lien");
  await expect(b).toContainText("cellule");
  await expect(b.locator("ul > li")).toHaveText("point");
  await expect(status(page)).toHaveText(/^Saved at/, { timeout: 15_000 });
});
