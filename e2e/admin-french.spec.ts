import { expect, test, useAccount } from "./fixtures";

/*
 * An admin whose interface language is Français: the users, settings, sections and tags pages are
 * in French, and a refused form says why in French, at the field, keeping what was typed (the
 * site language chosen in a <select> too). Her language is put back in `finally`: other specs
 * share the account.
 */
test("an admin who reads French administers users, settings, sections and tags in French", async ({ page }) => {
  // Four pages and three refused forms, on a loaded machine: more than the default minute.
  test.setTimeout(240_000);
  await useAccount(page, "admin");
  await page.goto("/newsroom/profile");
  await page.getByLabel("Interface language").selectOption("fr");
  await page.getByRole("button", { name: "Save preferences" }).click();
  await expect(page.getByText("Préférences enregistrées.")).toBeVisible();
  try {
    // Numbers the French way: the bio's hint counts up to 2 000 (narrow no-break space), not 2000.
    await expect(page.getByText(/ \/ 2\u202f000 caractères\.$/)).toBeVisible();
    // Users: headings, columns, role names and buttons; a refused invitation in French at the field.
    await page.goto("/newsroom/users");
    await expect(page).toHaveTitle("Utilisateurs · Rédaction");
    await expect(page.getByRole("heading", { level: 1, name: "Utilisateurs" })).toBeVisible();
    await expect(page.getByRole("heading", { name: "Inviter un utilisateur" })).toBeVisible();
    await expect(page.getByRole("columnheader", { name: "Rôle" })).toBeVisible();
    await expect(page.getByRole("columnheader", { name: "Statut" })).toBeVisible();
    await expect(page.getByRole("button", { name: "Changer le rôle de Amélie Rousseau" })).toBeVisible();
    await expect(page.getByRole("row", { name: /Amélie Rousseau/ }).getByRole("cell", { name: "administrateur", exact: true })).toBeVisible();
    await page.getByLabel("Nom", { exact: true }).fill("Zoé Martin");
    await page.getByLabel("E-mail", { exact: true }).fill("pas-une-adresse");
    await page.getByLabel("Rôle", { exact: true }).selectOption("editor");
    await page.getByRole("button", { name: "Créer et inviter" }).click();
    const email = page.getByLabel("E-mail", { exact: true });
    await expect(email).toHaveAttribute("aria-invalid", "true");
    await expect(page.locator("#new-email-error")).toHaveText("Saisissez une adresse e-mail valide, comme nom@exemple.fr.");
    await expect(page.getByRole("alert").filter({ hasText: "Corrigez les champs signalés." })).toBeVisible();
    await expect(email).toHaveValue("pas-une-adresse");
    await expect(page.getByLabel("Nom", { exact: true })).toHaveValue("Zoé Martin");

    // Settings: a refused save, in French at the field; the chosen site language is kept.
    await page.getByRole("navigation", { name: "Rédaction" }).getByRole("link", { name: "Réglages" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Réglages" })).toBeVisible();
    const zone = page.getByLabel("Fuseau horaire de la rédaction");
    const language = page.getByLabel("Langue du site");
    const stored = await language.inputValue();
    const other = stored === "fr" ? "en" : "fr";
    await language.selectOption(other);
    await zone.fill("Mars/Olympus");
    await page.getByRole("button", { name: "Enregistrer les réglages" }).click();
    await expect(page.locator("#timeZone-error")).toHaveText("Ce n’est pas un fuseau horaire : utilisez un nom comme Europe/Paris.");
    await expect(zone).toHaveAttribute("aria-invalid", "true");
    await expect(zone).toHaveValue("Mars/Olympus");
    await expect(language).toHaveValue(other);
    await expect(page.getByRole("heading", { name: "Liste de vérification" })).toBeVisible();
    await page.reload();
    await expect(page.getByLabel("Langue du site")).toHaveValue(stored);

    // Sections: an empty name is refused in French at the field.
    await page.goto("/newsroom/sections");
    await expect(page.getByRole("heading", { level: 1, name: "Rubriques" })).toBeVisible();
    await expect(page.getByRole("columnheader", { name: "Adresse" })).toBeVisible();
    await page.getByRole("button", { name: "Créer la rubrique" }).click();
    await expect(page.locator("#new-section-name-error")).toHaveText("Saisissez un nom.");
    await expect(page.getByLabel("Nom", { exact: true })).toHaveAttribute("aria-invalid", "true");

    // Tags: the list in French, counted with French plurals.
    await page.goto("/newsroom/tags");
    await expect(page.getByRole("heading", { level: 1, name: "Mots-clés" })).toBeVisible();
    await expect(page.getByLabel("Rechercher des mots-clés")).toBeVisible();
    await expect(page.getByRole("status").filter({ hasText: /^\d+ mots?-clés?/ })).toBeVisible();
    await expect(page.getByRole("columnheader", { name: "Copies de travail" })).toBeVisible();
    await expect(page.getByRole("button", { name: /^Fusionner #/ }).first()).toBeVisible();
  } finally {
    await page.goto("/newsroom/profile");
    await page.getByLabel(/^(Langue de l’interface|Interface language)$/).selectOption("en");
    await page.getByRole("button", { name: /^(Enregistrer les préférences|Save preferences)$/ }).click();
    await expect(page.getByText(/^(Préférences enregistrées\.|Preferences saved\.)$/)).toBeVisible();
  }
});
