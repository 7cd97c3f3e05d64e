import type { Locator, Page } from "@playwright/test";

/** The sign-in form (/login), as a person fills it. */
export class LoginPage {
  readonly email: Locator;
  readonly password: Locator;
  readonly submit: Locator;

  constructor(readonly page: Page) {
    this.email = page.getByLabel("Email", { exact: true });
    this.password = page.getByLabel("Password");
    this.submit = page.getByRole("button", { name: "Sign in" });
  }

  async goto(next?: string) {
    await this.page.goto(next ? `/login?next=${encodeURIComponent(next)}` : "/login");
  }

  /** Fills and sends the form, then waits to leave /login. */
  async signIn(account: { email: string; password: string }, next?: string) {
    await this.goto(next);
    await this.email.fill(account.email);
    await this.password.fill(account.password);
    await this.submit.click();
    await this.page.waitForURL((url) => !url.pathname.startsWith("/login"));
  }
}
