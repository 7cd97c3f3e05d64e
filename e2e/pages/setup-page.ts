import type { Locator, Page } from "@playwright/test";

/** The first-run page (/setup) of an empty newsroom, as the operator fills it. */
export class SetupPage {
  readonly name: Locator;
  readonly email: Locator;
  readonly password: Locator;
  readonly confirm: Locator;
  readonly submit: Locator;

  constructor(readonly page: Page) {
    this.name = page.getByLabel("Name");
    this.email = page.getByLabel("Email");
    this.password = page.getByLabel("Password", { exact: true });
    this.confirm = page.getByLabel("Confirm password");
    this.submit = page.getByRole("button", { name: "Create the admin account" });
  }

  async goto() {
    await this.page.goto("/setup");
  }

  async fill(account: { name: string; email: string; password: string; confirm?: string }) {
    await this.name.fill(account.name);
    await this.email.fill(account.email);
    await this.password.fill(account.password);
    await this.confirm.fill(account.confirm ?? account.password);
  }
}
