import type { Page } from "@playwright/test";

import { expect, test } from "./fixtures";

/** The golden journey, from draft to publication, through the real editor's workflow buttons. */
const workflow = (page: Page) => page.getByRole("complementary", { name: "Workflow" });

test("a journalist writes and submits; changes are requested; she edits and resubmits; the editor approves and publishes", async ({ browser, as }) => {
  const headline = `Le port du Havre teste une alerte cyber partagée ${Date.now().toString(36)}`;
  const claire = await as("claire");
  await claire.goto("/newsroom/articles/new");
  await claire.getByLabel("Headline").fill(headline);
  await claire.getByLabel("Body").click();
  await claire.keyboard.type("Premier paragraphe : « un exercice grandeur nature » — é, à, ç, 東京, 🚢.");
  await expect(claire.getByText(/Saved at/)).toBeVisible({ timeout: 15_000 });
  await claire.getByRole("button", { name: "Submit for review" }).click();
  await expect(workflow(claire)).toContainText("Status: in review");
  // Frozen review: the author cannot edit while the article is in review.
  await expect(claire.getByLabel("Headline")).not.toBeEditable();
  const url = claire.url();

  const editor = await as("editor");
  await editor.goto("/newsroom");
  await editor
    .getByRole("region", { name: /Review queue/ })
    .getByRole("link", { name: headline })
    .click();
  await editor.getByLabel("Comment for the author").fill("Citez le nom du responsable du port, s’il vous plaît.");
  await editor.getByRole("button", { name: "Request changes" }).click();
  await expect(workflow(editor)).toContainText("Status: waiting for changes");

  await claire.goto("/newsroom");
  await expect(claire.getByRole("link", { name: /^Notifications \d+ unread$/ })).toBeVisible();
  await claire.goto(url);
  await expect(claire.getByRole("region", { name: "Discussion" })).toContainText("Citez le nom du responsable du port");
  await claire.getByLabel("Body").click();
  await claire.keyboard.press("End");
  await claire.keyboard.type(" Selon Jean Dupont, directeur du port.");
  await claire.getByRole("button", { name: "Submit for review" }).click();
  await expect(workflow(claire)).toContainText("Status: in review");

  await editor.goto(url);
  await expect(editor.getByRole("region", { name: "Changes since the previous submission" })).toContainText("Jean Dupont");
  await editor.getByRole("button", { name: "Approve" }).click();
  await expect(workflow(editor)).toContainText("Status: approved");
  await editor.getByRole("button", { name: "Publish", exact: true }).click();
  await expect(workflow(editor)).toContainText("Status: published");

  const reader = await (await browser.newContext()).newPage();
  await reader.goto("/");
  await reader.getByRole("link", { name: headline }).click();
  await expect(reader.getByRole("heading", { level: 1, name: headline })).toBeVisible();
  await expect(reader.getByText("Selon Jean Dupont, directeur du port.")).toBeVisible();
});
