import { readFileSync } from "node:fs";
import type { Page } from "@playwright/test";

import { expect, test, useAccount } from "./fixtures";
import { EditorPage } from "./pages/editor-page";
import { chooseInterfaceLanguage } from "./pages/i18n";

const NNBSP = "\u202F";
/** The body's exact text: Playwright's text assertions fold the narrow no-break space into a space. */
const bodyText = (page: Page) => new EditorPage(page).body.evaluate((el) => el.textContent ?? "");
const RED_PNG = "iVBORw0KGgoAAAANSUhEUgAAAAgAAAAICAIAAABLbSncAAAACXBIWXMAAAPoAAAD6AG1e1JrAAAAEUlEQVQImWM4oaGBFTEMLQkAgl1GAXRgBQ4AAAAASUVORK5CYII=";

/** A paste as the browser delivers it: a ClipboardEvent carrying the clipboard's formats and files. */
async function pasteInto(page: Page, data: { html?: string; text?: string; png?: string }) {
  await new EditorPage(page).body.evaluate((el, d) => {
    const clipboard = new DataTransfer();
    if (d.html) clipboard.setData("text/html", d.html);
    if (d.text) clipboard.setData("text/plain", d.text);
    if (d.png) {
      const bytes = Uint8Array.from(atob(d.png), (c) => c.charCodeAt(0));
      clipboard.items.add(new File([bytes], "capture.png", { type: "image/png" }));
    }
    el.dispatchEvent(new ClipboardEvent("paste", { clipboardData: clipboard, bubbles: true, cancelable: true }));
  }, data);
}

test("French typography as you type, undone by one Ctrl+Z; English gets curly quotes; spell-check follows the language", async ({ page }) => {
  await useAccount(page, "claire");
  const editor = new EditorPage(page);
  await editor.create();
  await expect(editor.body).toHaveAttribute("lang", "fr");
  await expect(editor.body).toHaveAttribute("spellcheck", "true");

  await editor.typeInBody(`Il a dit "c'est l'heure" : vraiment ? RDV à 10:30 sur https://exemple.fr/a?b=1`);
  expect(await bodyText(page)).toBe(`Il a dit «${NNBSP}c’est l’heure${NNBSP}»${NNBSP}: vraiment${NNBSP}? RDV à 10:30 sur https://exemple.fr/a?b=1`);

  await editor.newParagraph();
  await editor.saved();
  await page.keyboard.type("Aujourd'");
  await page.keyboard.press("ControlOrMeta+z");
  expect(await bodyText(page)).toMatch(/Aujourd'$/);

  await page.getByLabel("Language", { exact: true }).selectOption("en");
  await expect(editor.body).toHaveAttribute("lang", "en");
  await editor.typeInBody(` "It's late"`);
  expect(await bodyText(page)).toMatch(/Aujourd' “It’s late”$/);
  await editor.saved();
});

test("pasting from Google Docs keeps headings, emphasis, lists and the real link address, and nothing else", async ({ page }) => {
  await useAccount(page, "claire");
  const editor = new EditorPage(page);
  await editor.create();
  await editor.body.click();
  await pasteInto(page, { html: readFileSync("lib/rich-text/paste-fixtures/google-docs.html", "utf8"), text: "Marché de Noël" });

  await expect(editor.body.getByRole("heading", { level: 2 })).toHaveText(["Marché de Noël : les exposants", "Horaires"]);
  await expect(editor.body.locator("strong").first()).toHaveText("Quarante exposants");
  await expect(editor.body.locator("em")).toHaveText("selon l’office de tourisme");
  await expect(editor.body.getByRole("link", { name: "programme" })).toHaveAttribute("href", "https://www.tourisme.example/marche-de-noel");
  await expect(editor.body.locator("ul > li")).toHaveText(["Du lundi au jeudi", "Le week-end"]);
  const html = await editor.body.innerHTML();
  expect(html).not.toMatch(/style=|docs-internal-guid|google\.com\/url|font-family|<span/);
  await editor.saved();
  await page.reload();
  await expect(editor.body.getByRole("heading", { level: 2 })).toHaveText(["Marché de Noël : les exposants", "Horaires"]);
});

test("an image pasted as a file goes through the upload dialog and asks for its alt text", async ({ page }) => {
  await useAccount(page, "claire");
  const editor = new EditorPage(page);
  await editor.create();
  await editor.body.click();
  await pasteInto(page, { png: RED_PNG });

  const dialog = page.getByRole("dialog", { name: "Insert an image" });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByLabel("Alt text (required)")).toBeFocused();
  await expect(dialog.getByLabel("Alt text (required)")).toHaveAttribute("required", "");
  await dialog.getByLabel("Alt text (required)").fill("Un carré rouge");
  await dialog.getByRole("button", { name: "Insert image" }).click();
  await expect(dialog).toBeHidden();
  await expect(editor.body.getByRole("img", { name: "Un carré rouge" })).toHaveAttribute("src", /^\/uploads\/.+\.webp$/);
});

test("typography can be turned off on the profile", async ({ page }) => {
  await useAccount(page, "yanis", "/newsroom/profile");
  const typography = page.getByLabel("Typography as you type");
  await expect(typography).toBeChecked();
  await typography.uncheck();
  await page.getByRole("button", { name: "Save preferences" }).click();
  await expect(page.getByText("Preferences saved.")).toBeVisible();
  try {
    const editor = new EditorPage(page);
    await editor.create();
    await editor.typeInBody(`"l'heure" ?`);
    expect(await bodyText(page)).toBe(`"l'heure" ?`);
  } finally {
    await page.goto("/newsroom/profile");
    await page.getByLabel("Typography as you type").check();
    await page.getByRole("button", { name: "Save preferences" }).click();
    await expect(page.getByText("Preferences saved.")).toBeVisible();
  }
});

test("the interface language: the user's choice, else the site language (French here); sign-in follows the browser", async ({ page, browser }) => {
  await useAccount(page, "yanis", "/newsroom/profile");
  try {
    await page.getByLabel("Interface language").selectOption("fr");
    await page.getByRole("button", { name: "Save preferences" }).click();
    await expect(page.getByText("Préférences enregistrées.")).toBeVisible();
    await page.goto("/newsroom");
    const nav = page.getByRole("navigation", { name: "Rédaction" });
    await expect(nav.getByRole("link", { name: "Tableau de bord" })).toBeVisible();
    await expect(page.getByRole("banner")).toHaveAttribute("lang", "fr");
    await expect(page.getByRole("button", { name: "Se déconnecter" })).toBeVisible();

    // No choice: the site language, French in the demo.
    await chooseInterfaceLanguage(page, "");
    await page.goto("/newsroom");
    await expect(nav.getByRole("link", { name: "Tableau de bord" })).toBeVisible();
  } finally {
    await chooseInterfaceLanguage(page, "en");
  }
  await page.goto("/newsroom");
  await expect(page.getByRole("navigation", { name: "Newsroom" }).getByRole("link", { name: "Dashboard" })).toBeVisible();

  const french = await browser.newContext({ locale: "fr-FR" });
  const signIn = await french.newPage();
  await signIn.goto("/login");
  await expect(signIn.getByRole("heading", { level: 1, name: "Connexion à la rédaction" })).toBeVisible();
  await expect(signIn.getByRole("main")).toHaveAttribute("lang", "fr");
  await expect(signIn.getByLabel("Mot de passe")).toBeVisible();
  // A refusal in the page's language too, at the form, with the email kept.
  await signIn.getByLabel("Adresse e-mail").fill("personne@newsroom.test");
  await signIn.getByLabel("Mot de passe").fill("pas le bon mot de passe");
  await signIn.getByRole("button", { name: "Se connecter" }).click();
  await expect(signIn.getByRole("alert").filter({ hasText: "Adresse e-mail ou mot de passe incorrect." })).toBeVisible();
  await expect(signIn.getByLabel("Adresse e-mail")).toHaveValue("personne@newsroom.test");
  await french.close();
});
