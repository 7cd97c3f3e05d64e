import type { Locator, Page } from "@playwright/test";

/** The newsroom dashboard (/newsroom): the review queue and the other article lists. */
export class DashboardPage {
  readonly reviewQueue: Locator;

  constructor(readonly page: Page) {
    this.reviewQueue = page.getByRole("region", { name: /Review queue/ });
  }

  async goto() {
    await this.page.goto("/newsroom");
  }

  /** One of the dashboard's lists, by the start of its heading. */
  region(name: RegExp): Locator {
    return this.page.getByRole("region", { name });
  }

  /** Opens an article from the dashboard, as its users do; returns its newsroom URL. */
  async open(headline: string): Promise<string> {
    await this.goto();
    await this.page.getByRole("link", { name: headline }).first().click();
    await this.page.waitForURL(/\/newsroom\/articles\/[0-9a-f-]{36}$/);
    return this.page.url();
  }
}
