import type { Page } from "@playwright/test";

import { ACCOUNTS, expect, test } from "./fixtures";
import { EditorPage } from "./pages/editor-page";

/** Suggestions (track changes) on the live document: suggest, decide, publish with one still pending. */
const body = (page: Page) => new EditorPage(page).body;
const workflow = (page: Page) => page.getByRole("complementary", { name: "Workflow" });
const suggestions = (page: Page) => page.getByRole("region", { name: /^Suggestions/ });

// Three people, a publication and a reader: longer than one edit on this shared machine.
test.setTimeout(240_000);

test("the desk suggests, the author accepts one and rejects another, the public page shows exactly the accepted text", async ({ browser, as, request }) => {
  const headline = `Suggestions du desk ${Date.now().toString(36)}`;
  const claire = await as("claire");
  const id = await new EditorPage(claire).create();
  await claire.getByLabel("Headline", { exact: true }).fill(headline);
  await new EditorPage(claire).typeInBody("Le maire a dit non hier soir.");
  await expect(new EditorPage(claire).saveStatus).toHaveText(/^Saved at/, { timeout: 15_000 });

  // Marc suggests: an addition at the end, a deletion of "hier", an addition at the start.
  const marc = await as("editor");
  await marc.goto(`/newsroom/articles/${id}`);
  await expect(body(marc)).toContainText("Le maire a dit non hier soir.");
  const suggest = marc.getByRole("button", { name: "Suggest" });
  await expect(suggest).toHaveAttribute("aria-pressed", "false");
  await suggest.click();
  await expect(suggest).toHaveAttribute("aria-pressed", "true");
  await body(marc).click();
  await marc.keyboard.press("ControlOrMeta+End");
  await marc.keyboard.type(" Confirmé.");
  await expect(body(marc).locator("ins", { hasText: "Confirmé." })).toBeVisible();
  // Select "hier" as a reader of the text does, with a double click on the word.
  const word = await body(marc).evaluate((el) => {
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const at = n.textContent?.indexOf("hier") ?? -1;
      if (at < 0) continue;
      const range = document.createRange();
      range.setStart(n, at);
      range.setEnd(n, at + "hier".length);
      const box = range.getBoundingClientRect();
      return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
    }
    return null;
  });
  expect(word, "the word hier on screen").not.toBeNull();
  await marc.mouse.dblclick(word!.x, word!.y);
  await expect.poll(() => marc.evaluate(() => document.getSelection()?.toString())).toBe("hier");
  await marc.keyboard.press("Delete");
  await marc.keyboard.press("ControlOrMeta+Home");
  await marc.keyboard.type("URGENT ");
  // The deleted word stays visible, struck through; additions are marked too.
  await expect(body(marc).locator("del", { hasText: "hier" })).toBeVisible();
  await expect(body(marc).locator("ins", { hasText: "Confirmé." })).toBeVisible();
  await expect(suggestions(marc)).toContainText("3 pending suggestions");

  // Claire sees them with Marc's name, accepts the addition and rejects the deletion.
  const list = suggestions(claire);
  await expect(list).toContainText("3 pending suggestions", { timeout: 15_000 });
  await expect(list).toContainText(`${ACCOUNTS.editor.name} suggests deleting`);
  await expect(workflow(claire).getByTestId("pending-suggestions")).toHaveText("3 pending suggestions");
  await list.getByRole("listitem").filter({ hasText: "Confirmé." }).getByRole("button", { name: "Accept" }).click();
  await list.getByRole("listitem").filter({ hasText: "suggests deleting" }).getByRole("button", { name: "Reject" }).click();
  await expect(list).toContainText("1 pending suggestion");
  await expect(body(claire).locator("del")).toHaveCount(0);
  await expect(body(marc).locator("ins", { hasText: "Confirmé." })).toHaveCount(0);
  // The text without the others' caret labels (drawn inside the editable text).
  const typed = (page: Page) =>
    body(page).evaluate((el) => {
      const copy = el.cloneNode(true) as HTMLElement;
      copy.querySelectorAll(".live-caret").forEach((c) => c.remove());
      return copy.textContent;
    });
  await expect.poll(() => typed(marc)).toContain("URGENT Le maire a dit non hier soir. Confirmé.");
  await expect(workflow(claire).getByTestId("pending-suggestions")).toHaveText("1 pending suggestion");
  await claire.getByRole("button", { name: "Submit for review" }).click();
  await expect(workflow(claire)).toContainText("Status: in review");

  // Amélie (who wrote nothing) approves and publishes: a warning first, while one suggestion is pending.
  const amelie = await as("admin");
  await amelie.goto(`/newsroom/articles/${id}`);
  await amelie.getByRole("button", { name: "Approve" }).click();
  await expect(workflow(amelie)).toContainText("Status: approved");
  await expect(workflow(amelie).getByTestId("pending-suggestions")).toHaveText("1 pending suggestion");
  await amelie.getByRole("button", { name: "Publish", exact: true }).click();
  const warning = amelie.getByRole("alertdialog");
  await expect(warning).toContainText("1 suggestion is still pending");
  await warning.getByRole("button", { name: "Cancel" }).click();
  await expect(workflow(amelie)).toContainText("Status: approved");
  await amelie.getByRole("button", { name: "Publish", exact: true }).click();
  await amelie.getByRole("alertdialog").getByRole("button", { name: "Publish anyway" }).click();
  await expect(workflow(amelie)).toContainText("Status: published");

  const reader = await (await browser.newContext()).newPage();
  await reader.goto("/");
  await reader.getByRole("link", { name: headline }).first().click();
  await expect(reader.getByRole("heading", { level: 1, name: headline })).toBeVisible();
  const article = reader.getByRole("article");
  await expect(article).toContainText("Le maire a dit non hier soir. Confirmé.");
  await expect(article).not.toContainText("URGENT");
  expect(await reader.locator("ins, del, [data-id]").count()).toBe(0);

  // Leave the site as the specs after this one expect it: this article not on the front page.
  const slug = new URL(reader.url()).pathname.split("/").pop()!;
  const unpublished = await request.post("/api/test-hooks/articles", { data: { action: "unpublish", slug } });
  expect(unpublished.ok(), await unpublished.text()).toBe(true);
});
