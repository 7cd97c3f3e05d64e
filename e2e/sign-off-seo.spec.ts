import type { Page } from "@playwright/test";

import { expect, test } from "./fixtures";
import { EditorPage } from "./pages/editor-page";

/** A value that would add a tag, a script or a second og:title if any place emitted it as markup. */
const HOSTILE = `Sortie » "><script>__xss()</script><meta property="og:title" content="xssm"><img src=x onerror=__xss()>`;

const meta = (page: Page, attr: "name" | "property", key: string) => page.locator(`head meta[${attr}="${key}"]`);

test("the search and social fields change the public title, description and OpenGraph tags after publication", async ({ browser, as }) => {
  test.setTimeout(180_000);
  const run = Math.random().toString(36).slice(2, 8);
  const headline = `Le port du Havre s’automatise ${run}`;
  const claire = await as("claire");
  const editorPage = new EditorPage(claire);
  await editorPage.create();
  await editorPage.headline.fill(headline);
  await claire.getByLabel("Dek", { exact: true }).fill("Les grues pilotées à distance arrivent.");
  await editorPage.typeInBody("Les dockers négocient leur reconversion.");
  await editorPage.saved();

  await claire.getByText("Search and social", { exact: true }).click();
  // Empty fields: the previews show what goes out by default, the headline and dek.
  const searchPreview = claire.getByRole("figure", { name: "Search result preview" });
  await expect(searchPreview).toContainText(headline);
  await expect(searchPreview).toContainText("Les grues pilotées à distance arrivent.");

  await claire.getByLabel("SEO title", { exact: true }).fill(`Le Havre : automatisation du port ${run}`);
  await expect(claire.getByText(/^\d+\/200 — up to 60 shows in full$/).first()).toBeVisible();
  await claire.getByLabel("Meta description", { exact: true }).fill("Ce que change l’automatisation pour les 2 000 dockers.");
  await claire.getByLabel("Social title", { exact: true }).fill(`Les grues sans grutier ${run}`);
  await claire.getByLabel("Social description", { exact: true }).fill(HOSTILE);
  await expect(searchPreview).toContainText(`Le Havre : automatisation du port ${run}`);
  const cardPreview = claire.getByRole("figure", { name: "Social card preview" });
  await expect(cardPreview).toContainText(`Les grues sans grutier ${run}`);
  // The editor's own preview shows the hostile text as text.
  await expect(cardPreview).toContainText(HOSTILE);
  await expect(claire.locator("meta[content='xssm'], img[src='x']")).toHaveCount(0);

  // A javascript: canonical URL is refused at the field, and nothing is saved until it is fixed.
  const canonical = claire.getByLabel("Canonical URL", { exact: true });
  await canonical.fill("javascript:alert(document.cookie)");
  await expect(canonical).toHaveAttribute("aria-invalid", "true", { timeout: 15_000 });
  await expect(canonical).toHaveAccessibleDescription(/The canonical URL must be an http:\/\/ or https:\/\/ address\./);
  await canonical.fill("");
  await editorPage.saved();

  await claire.getByRole("button", { name: "Submit for review" }).click();
  await expect(editorPage.sidebar).toContainText("Status: in review");
  const url = claire.url();

  const editor = await as("editor");
  await editor.goto(url);
  await editor.getByRole("button", { name: "Approve" }).click();
  await expect(new EditorPage(editor).sidebar).toContainText("Status: approved");
  await editor.getByRole("button", { name: "Publish", exact: true }).click();
  await expect(new EditorPage(editor).sidebar).toContainText("Status: published");

  const reader = await (await browser.newContext()).newPage();
  const xss: string[] = [];
  await reader.exposeFunction("__xss", () => xss.push("called"));
  reader.on("dialog", (d) => {
    xss.push(`dialog ${d.message()}`);
    void d.dismiss();
  });
  await reader.goto("/");
  const href = await reader.getByRole("link", { name: headline }).first().getAttribute("href");
  await reader.goto(href!);
  await expect(reader.getByRole("heading", { level: 1, name: headline })).toBeVisible();
  await expect(reader).toHaveTitle(`Le Havre : automatisation du port ${run} · Newsroom`);
  await expect(meta(reader, "name", "description")).toHaveAttribute("content", "Ce que change l’automatisation pour les 2 000 dockers.");
  await expect(meta(reader, "property", "og:title")).toHaveCount(1);
  await expect(meta(reader, "property", "og:title")).toHaveAttribute("content", `Les grues sans grutier ${run}`);
  await expect(meta(reader, "property", "og:description")).toHaveAttribute("content", HOSTILE);
  await expect(meta(reader, "name", "twitter:title")).toHaveAttribute("content", `Les grues sans grutier ${run}`);
  await expect(meta(reader, "name", "twitter:description")).toHaveAttribute("content", HOSTILE);
  // No canonical URL given: the article's own address stays canonical.
  await expect(reader.locator("head link[rel=canonical]")).toHaveAttribute("href", new RegExp(`${href!}$`));
  const jsonLd = JSON.parse((await reader.locator('script[type="application/ld+json"]').first().textContent()) ?? "{}") as Record<string, unknown>;
  expect(jsonLd.headline).toBe(`Le Havre : automatisation du port ${run}`);
  expect(jsonLd.description).toBe("Ce que change l’automatisation pour les 2 000 dockers.");
  await expect(reader.locator("meta[content='xssm'], img[src='x']")).toHaveCount(0);
  expect(xss).toEqual([]);

  // A change after publication (by another editor: two-person rule) waits for the next
  // publication, and the reviewer sees it among the changes since the live version.
  const admin = new EditorPage(await as("admin"));
  await admin.page.goto(url);
  await admin.page.getByText("Search and social", { exact: true }).click();
  await admin.page.getByLabel("SEO title", { exact: true }).fill(`Titre mis à jour ${run}`);
  await admin.page.getByLabel("Canonical URL", { exact: true }).fill("https://agence.example/depeche/42");
  await admin.saved();
  await reader.reload();
  await expect(reader).toHaveTitle(`Le Havre : automatisation du port ${run} · Newsroom`);
  await editor.reload();
  const changes = editor.getByRole("region", { name: "Changes since the live version" });
  await expect(changes).toContainText(`Titre mis à jour ${run}`);
  await expect(changes).toContainText("Canonical URL: https://agence.example/depeche/42");
  await editor.getByRole("button", { name: "Publish", exact: true }).click();
  await expect(new EditorPage(editor).sidebar).not.toContainText("unpublished changes");
  await expect(async () => {
    await reader.reload();
    await expect(reader).toHaveTitle(`Titre mis à jour ${run} · Newsroom`, { timeout: 1000 });
  }).toPass({ timeout: 15_000 });
  await expect(reader.locator("head link[rel=canonical]")).toHaveAttribute("href", "https://agence.example/depeche/42");
});
