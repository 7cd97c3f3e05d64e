import { expect, test, useAccount } from "./fixtures";

const NNBSP = "\u202F";

test("with French as interface language the editor speaks French: labels, a refusal at its field, and typography in the headline", async ({ page }) => {
  await useAccount(page, "yanis", "/newsroom/profile");
  await page.getByLabel("Interface language").selectOption("fr");
  await page.getByRole("button", { name: "Save preferences" }).click();
  await expect(page.getByText("Préférences enregistrées.")).toBeVisible();
  try {
    await page.goto("/newsroom/articles/new");
    await page.waitForURL(/\/newsroom\/articles\/[0-9a-f-]{36}$/);
    await expect(page).toHaveTitle(/^Modifier l’article/);

    const headline = page.getByLabel("Titre", { exact: true });
    await expect(headline).toBeEditable();
    await expect(page.getByLabel("Chapeau", { exact: true })).toBeVisible();
    await expect(page.getByRole("group", { name: "Faits saillants" })).toBeVisible();
    await expect(page.getByRole("button", { name: "Ajouter un fait saillant" })).toBeVisible();
    await expect(page.getByRole("textbox", { name: "Corps de l’article", exact: true })).toBeVisible();
    await expect(page.getByRole("toolbar", { name: "Mise en forme" }).getByRole("button", { name: "Gras" })).toBeVisible();
    await expect(page.getByLabel("Rubrique", { exact: true })).toBeVisible();
    await expect(page.getByRole("button", { name: "Enregistrer une version" })).toBeVisible();

    // French typography as you type in the headline (the article is French): ’, « » and the narrow spaces.
    await headline.click();
    await page.keyboard.type(`L'école rouvre : "enfin"`);
    await expect(headline).toHaveJSProperty("value", `L’école rouvre${NNBSP}: «${NNBSP}enfin${NNBSP}»`);
    // One Ctrl+Z right after a substitution gives back what was typed.
    await page.keyboard.type(" vraiment?");
    await expect(headline).toHaveJSProperty("value", `L’école rouvre${NNBSP}: «${NNBSP}enfin${NNBSP}» vraiment${NNBSP}?`);
    await page.keyboard.press("ControlOrMeta+z");
    await expect(headline).toHaveJSProperty("value", `L’école rouvre${NNBSP}: «${NNBSP}enfin${NNBSP}» vraiment?`);
    // Never inside a time.
    await page.getByLabel("Chapeau", { exact: true }).click();
    await page.keyboard.type("Rentrée à 8:30");
    await expect(page.getByLabel("Chapeau", { exact: true })).toHaveValue("Rentrée à 8:30");
    await expect(page.getByTestId("save-status")).toHaveText(/^Enregistré à \d\d:\d\d$/, { timeout: 15_000 });

    // A refusal by the server, in French at its field, with what was typed kept.
    await page.getByText("Référencement et réseaux sociaux").click();
    const canonical = page.getByLabel("URL canonique", { exact: true });
    await canonical.fill("javascript:alert(1)");
    await expect(canonical).toHaveAttribute("aria-invalid", "true", { timeout: 15_000 });
    await expect(canonical).toHaveAccessibleDescription(/L’URL canonique doit être une adresse http:\/\/ ou https:\/\/\./);
    await expect(page.getByTestId("save-status")).toHaveText(/^Non enregistré : vérifiez URL canonique/);
    await expect(canonical).toHaveValue("javascript:alert(1)");
    await canonical.fill("");
    await expect(page.getByTestId("save-status")).toHaveText(/^Enregistré à/, { timeout: 15_000 });

    // A dek pasted longer than the limit stays whole, marked at its field (the browser used to cut
    // it without a word); shortened, it saves.
    const dek = page.getByLabel("Chapeau", { exact: true });
    const long = `${"Le ministère a confirmé l’attaque contre les hôpitaux. ".repeat(6)}Fin.`;
    expect(long.length).toBeGreaterThan(300);
    await dek.fill(long);
    await expect(dek).toHaveValue(long);
    await expect(dek).toHaveAttribute("aria-invalid", "true");
    await expect(dek).toHaveAccessibleDescription(/Le chapeau ne dépasse pas 300 caractères\./);
    await expect(page.getByTestId("save-status")).toHaveText(/^Non enregistré/, { timeout: 15_000 });
    await dek.fill(long.slice(0, 290));
    await expect(dek).not.toHaveAttribute("aria-invalid", "true");
    await expect(page.getByTestId("save-status")).toHaveText(/^Enregistré à/, { timeout: 15_000 });

    // An image without alt text gets the newsroom's French message, not the browser's bubble.
    await page.getByRole("toolbar", { name: "Mise en forme" }).getByRole("button", { name: "Image" }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByRole("button", { name: "Insérer l’image" }).click();
    await expect(dialog.getByText("Le texte alternatif est obligatoire : décrivez l’image pour les lecteurs qui ne la voient pas.")).toBeVisible();
  } finally {
    await page.goto("/newsroom/profile");
    // Back to English, the language the other specs are written in (no choice would be the site's French).
    await page.getByLabel("Langue de l’interface").selectOption("en");
    await page.getByRole("button", { name: "Enregistrer les préférences" }).click();
    await expect(page.getByText("Preferences saved.")).toBeVisible();
  }
});
