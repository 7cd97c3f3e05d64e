import type { Locator, Page } from "@playwright/test";

/** The embargo section of the article sidebar: the notice, the held-back buttons and the `Embargo until` field. */
export class EmbargoSection {
  readonly region: Locator;
  readonly field: Locator;
  readonly notice: Locator;

  constructor(readonly page: Page) {
    this.region = page.getByRole("region", { name: "Embargo" });
    this.field = this.region.getByLabel("Embargo until");
    this.notice = this.region.getByTestId("embargo-notice");
  }

  /** Sets or changes the embargo to a `datetime-local` value in the newsroom time zone. */
  async set(local: string) {
    await this.field.fill(local);
    await this.region.getByRole("button", { name: /^(Set|Change) embargo$/ }).click();
  }
}
