import { expect, type Locator, type Page } from "@playwright/test";

/** The article editor (/newsroom/articles/[id]) with its workflow sidebar. */
export class EditorPage {
  readonly headline: Locator;
  readonly body: Locator;
  readonly saveStatus: Locator;
  readonly sidebar: Locator;

  constructor(readonly page: Page) {
    this.headline = page.getByLabel("Headline", { exact: true });
    this.body = page.getByRole("textbox", { name: "Body", exact: true });
    this.saveStatus = page.getByTestId("save-status");
    this.sidebar = page.getByRole("complementary", { name: "Workflow" });
  }

  /** Opens /newsroom/articles/new, which creates a draft and lands in its editor; returns its id. */
  async create(): Promise<string> {
    await this.page.goto("/newsroom/articles/new");
    await this.page.waitForURL(/\/newsroom\/articles\/[0-9a-f-]{36}$/);
    await expect(this.body).toBeVisible();
    return this.page.url().split("/").at(-1)!;
  }

  /** Types at the end of the body, as a writer does. */
  async typeInBody(text: string) {
    await this.body.click();
    await this.page.keyboard.press("ControlOrMeta+End");
    await this.page.keyboard.type(text);
  }

  /** Waits for the autosave to land. */
  async saved() {
    await expect(this.saveStatus).toHaveText(/^Saved at/, { timeout: 15_000 });
  }
}
