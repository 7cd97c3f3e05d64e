import type { Page } from "@playwright/test";

import { ACCOUNTS, expect, test } from "./fixtures";
import { EditorPage } from "./pages/editor-page";

/** Inline comments on the live document (issue 13, item 5): two browsers, one thread. */
const body = (page: Page) => new EditorPage(page).body;
const margin = (page: Page) => page.getByRole("complementary", { name: "Comments" });
const workflow = (page: Page) => page.getByRole("complementary", { name: "Workflow" });
const highlighted = (page: Page) =>
  page
    .locator(".inline-comment")
    .allTextContents()
    .then((parts) => parts.join(""));

/** Puts the browser's selection on `phrase` in the body (or the caret `at` characters into it). */
async function select(page: Page, phrase: string, at?: number) {
  await body(page).click();
  await page.evaluate(
    ({ phrase, at }) => {
      const root = document.getElementById("article-body")!;
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        const i = n.textContent!.indexOf(phrase);
        if (i < 0) continue;
        const sel = window.getSelection()!;
        if (at === null) sel.setBaseAndExtent(n, i, n, i + phrase.length);
        else sel.setBaseAndExtent(n, i + at, n, i + at);
        return;
      }
      throw new Error(`"${phrase}" is not in the body`);
    },
    { phrase, at: at ?? null },
  );
}

test("a comment follows edits around and inside its text, gets a reply with a mention, is resolved, and never reaches the public page", async ({
  browser,
  as,
  request,
}) => {
  test.setTimeout(180_000);
  const headline = `Commentaires en marge ${Date.now().toString(36)}`;
  const claire = await as("claire");
  const id = await new EditorPage(claire).create();
  await claire.getByLabel("Headline", { exact: true }).fill(headline);
  await body(claire).click();
  await claire.keyboard.press("ControlOrMeta+End");
  await claire.keyboard.type("Le maire a démissionné mardi soir après le vote.");
  await expect(new EditorPage(claire).saveStatus).toHaveText(/^Saved at/, { timeout: 15_000 });

  const amelie = await as("admin");
  await amelie.goto(`/newsroom/articles/${id}`);
  await expect(body(amelie)).toContainText("Le maire a démissionné mardi soir");

  // Claire comments on a phrase.
  await select(claire, "démissionné mardi");
  await claire.getByRole("button", { name: "Comment", exact: true }).click();
  await margin(claire).getByLabel("Comment on “démissionné mardi”").fill("Source pour l’heure ? <b>gras</b>");
  await margin(claire).getByRole("button", { name: "Post comment" }).click();
  const thread = (page: Page) => margin(page).getByRole("article", { name: `Comment by ${ACCOUNTS.claire.name} on “démissionné mardi”` });
  await expect(thread(claire)).toContainText("Source pour l’heure ? <b>gras</b>");
  await expect.poll(() => highlighted(claire)).toBe("démissionné mardi");

  // Amélie sees it without reloading, highlighted in the text.
  await expect(thread(amelie)).toContainText("Source pour l’heure ?", { timeout: 20_000 });
  await expect.poll(() => highlighted(amelie)).toBe("démissionné mardi");

  // She types before the phrase, then inside it: the thread still points at its text.
  await body(amelie).click();
  await amelie.keyboard.press("ControlOrMeta+Home");
  await amelie.keyboard.type("URGENT : ");
  await select(amelie, "démissionné mardi", "démissionné ".length);
  await amelie.keyboard.type("brusquement ");
  for (const page of [claire, amelie]) {
    // (The other's caret label sits in the text of Claire's page: checked up to the caret.)
    await expect(body(page)).toContainText("URGENT : Le maire a démissionné brusquement");
    await expect.poll(() => highlighted(page), { timeout: 15_000 }).toBe("démissionné brusquement mardi");
  }

  // A reply with an @mention of the desk editor.
  await thread(amelie).getByLabel("Reply").fill(`@${ACCOUNTS.editor.name} peux-tu vérifier l’heure ?`);
  await thread(amelie).getByRole("button", { name: "Post reply" }).click();
  await expect(thread(claire)).toContainText("peux-tu vérifier l’heure ?", { timeout: 20_000 });

  const marc = await as("editor");
  await marc.goto("/newsroom/notifications");
  await expect(marc.getByText(`${ACCOUNTS.admin.name} mentioned you in a comment on “${headline}”`).first()).toBeVisible();

  // Resolved: gone from the margin and the text, shown as resolved in the discussion.
  await thread(claire).getByRole("button", { name: "Resolve" }).click();
  await expect(thread(claire)).toHaveCount(0);
  await expect(margin(claire).getByRole("button", { name: "Show 1 resolved thread" })).toBeVisible();
  await expect(thread(amelie)).toHaveCount(0, { timeout: 20_000 });
  await expect.poll(() => highlighted(claire)).toBe("");
  await claire.reload();
  const discussion = claire.getByRole("region", { name: "Discussion" });
  await expect(discussion).toContainText("Resolved by Claire Martin");
  await expect(discussion).toContainText("démissionné mardi");
  await expect(discussion).toContainText("peux-tu vérifier l’heure ?");

  // Published by the desk: the public page has the text and none of the comments.
  await expect(new EditorPage(claire).saveStatus).toHaveText(/^Saved at|No unsaved changes/, { timeout: 15_000 });
  await claire.getByRole("button", { name: "Submit for review" }).click();
  await expect(workflow(claire)).toContainText("Status: in review");
  await marc.goto(`/newsroom/articles/${id}`);
  await marc.getByRole("button", { name: "Approve" }).click();
  await expect(workflow(marc)).toContainText("Status: approved");
  await marc.getByRole("button", { name: "Publish", exact: true }).click();
  await expect(workflow(marc)).toContainText("Status: published");

  const reader = await (await browser.newContext()).newPage();
  await reader.goto("/");
  await reader.getByRole("link", { name: headline }).first().click();
  await expect(reader.getByRole("heading", { level: 1, name: headline })).toBeVisible();
  await expect(reader.locator("body")).toContainText("Le maire a démissionné brusquement mardi soir");
  const html = await reader.content();
  for (const secret of ["Source pour l’heure", "peux-tu vérifier", "inline-comment", "data-thread-id"]) expect(html).not.toContain(secret);

  // Leave the site as the specs after this one expect it: this article not on the front page.
  const slug = new URL(reader.url()).pathname.split("/").pop()!;
  const unpublished = await request.post("/api/test-hooks/articles", { data: { action: "unpublish", slug } });
  expect(unpublished.ok(), await unpublished.text()).toBe(true);
});
