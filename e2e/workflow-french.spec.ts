import type { Page } from "@playwright/test";

import { expect, test } from "./fixtures";

/** The workflow sidebar of a French-interface user (its English name is "Workflow"). */
const circuit = (page: Page) => page.getByRole("complementary", { name: "Circuit de validation" });

async function chooseLanguage(page: Page, value: "fr" | "en") {
  await page.goto("/newsroom/profile");
  const fromFrench = value === "en";
  await page.getByLabel(fromFrench ? "Langue de l’interface" : "Interface language").selectOption(value);
  await page.getByRole("button", { name: fromFrench ? "Enregistrer les préférences" : "Save preferences" }).click();
  await expect(page.getByText(fromFrench ? "Preferences saved." : "Préférences enregistrées.")).toBeVisible();
}

test("an editor who reads the newsroom in French sees the dashboard, the notifications and the workflow in French", async ({ as }) => {
  const headline = `Le tramway de Brest double sa fréquence ${Date.now().toString(36)}`;
  // The journalist works in English, as before.
  const claire = await as("claire");
  await claire.goto("/newsroom/articles/new");
  await claire.getByLabel("Headline").fill(headline);
  await claire.getByLabel("Body").click();
  await claire.keyboard.type("Une rame toutes les cinq minutes aux heures de pointe.");
  await expect(claire.getByText(/Saved at/)).toBeVisible({ timeout: 15_000 });
  await claire.getByRole("button", { name: "Submit for review" }).click();
  await expect(claire.getByRole("complementary", { name: "Workflow" })).toContainText("Status: in review");
  const url = claire.url();

  const editor = await as("editor");
  await chooseLanguage(editor, "fr");
  try {
    await editor.goto("/newsroom");
    await expect(editor.getByRole("heading", { level: 1, name: "Tableau de bord" })).toBeVisible();
    const queue = editor.getByRole("region", { name: /File de relecture/ });
    await expect(queue.getByRole("listitem").filter({ hasText: headline })).toContainText(/En relecture · en attente depuis \d+ min/);
    await expect(editor.getByRole("region", { name: /Mes brouillons/ })).toBeVisible();
    await expect(editor.getByRole("main").getByRole("link", { name: "Nouvel article" })).toBeVisible();

    // Written by an English-speaking journalist's action, read in French.
    await editor.goto("/newsroom/notifications");
    await expect(editor.getByRole("link", { name: `Claire Martin a soumis « ${headline} » pour relecture` }).first()).toBeVisible();

    await editor.goto(url);
    await expect(circuit(editor)).toContainText("Statut : en relecture");
    await expect(editor.getByRole("button", { name: "Demander des modifications" })).toBeVisible();
    await expect(editor.getByLabel("Commentaire pour l’auteur")).toBeVisible();
    await editor.getByRole("button", { name: "Approuver" }).click();
    await expect(circuit(editor)).toContainText("Statut : approuvé");
    await expect(editor.getByRole("button", { name: "Programmer" })).toBeVisible();
    await editor.getByRole("button", { name: "Publier", exact: true }).click();
    await expect(circuit(editor)).toContainText("Statut : publié");
    await expect(editor.getByRole("button", { name: "Dépublier" })).toBeVisible();

    // An editor's own draft offers the author's action.
    await editor.goto("/newsroom/articles/new");
    await editor.waitForURL(/\/newsroom\/articles\/[0-9a-f-]{36}$/);
    await expect(circuit(editor)).toContainText("Statut : brouillon");
    await expect(editor.getByRole("button", { name: "Soumettre pour relecture" })).toBeVisible();
  } finally {
    await chooseLanguage(editor, "en");
  }

  // The journalist, in English, reads the same kind of notification in English.
  await claire.goto("/newsroom/notifications");
  await expect(claire.getByRole("link", { name: `Marc Dubois published “${headline}”` }).first()).toBeVisible();
});
