import { expect, test } from "./fixtures";
import { EditorPage } from "./pages/editor-page";
import { ArticleViewPage } from "./pages/preview-page";

const HEADLINE = `Aperçu avant publication ${Date.now().toString(36)}`;
const DEK = "Ce que le lecteur verra, avant qu’il ne le voie.";
const KEY_POINT = "Le chapeau, les faits saillants et le JSON-LD sont ceux de la page publique";

test("an editor previews a draft, shares it with someone signed out, revokes the link; the preview is the later public page", async ({ as, browser }) => {
  // The journalist writes; her last edit is still unsaved when she opens the preview.
  const claire = await as("claire");
  const writer = new EditorPage(claire);
  const id = await writer.create();
  await claire.getByLabel("Dek", { exact: true }).fill(DEK);
  await claire.getByRole("button", { name: "Add key point" }).click();
  await claire.getByLabel("Key point 1", { exact: true }).fill(KEY_POINT);
  await writer.typeInBody("Un premier paragraphe assez long pour être publié.");
  await claire.getByLabel("Headline", { exact: true }).fill(HEADLINE);
  await claire.getByRole("button", { name: "Preview", exact: true }).click();
  await claire.waitForURL(`**/newsroom/articles/${id}/preview`);
  const own = new ArticleViewPage(claire);
  await own.expectPreviewBanner();
  await expect(own.headline).toHaveText(HEADLINE);
  await expect(own.banner).toContainText(/Version \d+, saved/);

  // Phone width is a link: no script needed.
  await own.banner.getByRole("link", { name: "Phone" }).click();
  await expect(claire.locator("[data-preview-width=phone]")).toBeVisible();
  await expect(own.banner.getByRole("link", { name: "Phone" })).toHaveAttribute("aria-current", "true");

  await claire.getByRole("link", { name: "Back to the editor" }).click();
  await claire.getByRole("button", { name: "Submit for review" }).click();
  await expect(writer.sidebar).toContainText("Status: in review");

  // Another journalist gets the same 404 as for an article that does not exist.
  const yanis = await as("yanis");
  const foreign = await yanis.goto(`/newsroom/articles/${id}/preview`);
  expect(foreign?.status()).toBe(404);
  const unknown = await yanis.goto(`/newsroom/articles/00000000-0000-4000-8000-000000000000/preview`);
  expect(unknown?.status()).toBe(404);

  // The editor previews it: no-store, noindex.
  const editor = await as("editor");
  const response = await editor.goto(`/newsroom/articles/${id}/preview`);
  expect(response?.status()).toBe(200);
  expect(response?.headers()["cache-control"]).toContain("no-store");
  expect(response?.headers()["x-robots-tag"]).toContain("noindex");
  await expect(editor.locator('meta[name="robots"]')).toHaveAttribute("content", /noindex/);
  const preview = new ArticleViewPage(editor);
  await preview.expectPreviewBanner();
  await expect(preview.keyPoints).toHaveText([KEY_POINT]);
  const previewed = await preview.comparable();
  expect(previewed.ld.headline).toBe(HEADLINE);

  // Share preview: default 48 hours, always the latest version.
  await editor.goto(`/newsroom/articles/${id}`);
  const sharing = editor.getByRole("region", { name: "Shared previews" });
  await expect(sharing.getByLabel("Expires after")).toHaveValue("48");
  await sharing.getByRole("button", { name: "Share preview" }).click();
  const link = await sharing.getByRole("textbox", { name: /Preview link/ }).inputValue();
  expect(link).toMatch(/\/preview\/[A-Za-z0-9_-]{43}$/);
  await expect(sharing.getByRole("list", { name: "Preview links" })).toContainText("Never opened");

  // Someone without an account opens it.
  const outsider = await (await browser.newContext()).newPage();
  const opened = await outsider.goto(link);
  expect(opened?.status()).toBe(200);
  expect(opened?.headers()["referrer-policy"]).toBe("no-referrer");
  expect(opened?.headers()["cache-control"]).toContain("no-store");
  expect(opened?.headers()["x-robots-tag"]).toContain("noindex");
  const sharedView = new ArticleViewPage(outsider);
  await sharedView.expectPreviewBanner();
  expect(await sharedView.comparable()).toEqual(previewed);

  // The opening is on the article: in the list and on the timeline.
  await editor.reload();
  // When, and how often: a date in the newsroom's zone and the count.
  await expect(sharing.getByRole("list", { name: "Preview links" })).toContainText(/Last opened \d{1,2} \w+ \d{4}.* \(1 opening\)/);
  await expect(sharing.getByRole("list", { name: "Preview links" }).locator("time")).toHaveCount(2);
  await expect(editor.getByText(/opened shared preview link #\d+/)).toBeVisible();

  // Published, the public page shows what the preview showed.
  await editor.getByRole("button", { name: "Approve" }).click();
  await expect(new EditorPage(editor).sidebar).toContainText("Status: approved");
  await editor.getByRole("button", { name: "Publish", exact: true }).click();
  await expect(new EditorPage(editor).sidebar).toContainText("Status: published");
  const reader = await (await browser.newContext()).newPage();
  await reader.goto("/");
  await reader.getByRole("link", { name: HEADLINE }).first().click();
  await reader.waitForURL(/\/articles\//);
  expect(await new ArticleViewPage(reader).comparable()).toEqual(previewed);
  await expect(new ArticleViewPage(reader).banner).toHaveCount(0);

  // Revoke: the link now answers exactly like a token that never existed.
  await sharing.getByRole("button", { name: /Revoke link #\d+/ }).click();
  await expect(sharing.getByRole("list", { name: "Preview links" })).toContainText("Revoked");
  const revoked = await outsider.goto(link);
  expect(revoked?.status()).toBe(404);
  const revokedPage = await outsider.locator("main").textContent();
  const never = await outsider.goto(`/preview/${"x".repeat(43)}`);
  expect(never?.status()).toBe(404);
  expect(await outsider.locator("main").textContent()).toBe(revokedPage);
});
