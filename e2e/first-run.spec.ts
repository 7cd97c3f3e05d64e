/**
 * Production's first start: the first-run page of an empty database, and the refusal to start
 * without the session secret. Each test starts a server of its own (testing/extra-instance.ts):
 * the suite's server has the demo newsroom, so its /setup is closed.
 */
import { spawn } from "node:child_process";

import { freePort, startExtraInstance, type ExtraInstance } from "../testing/extra-instance";
import { expect, test } from "./fixtures";
import { label } from "./pages/i18n";
import { LoginPage } from "./pages/login-page";
import { SetupPage } from "./pages/setup-page";

const PASSWORD = "first-admin-password-1";

test("the suite's own server, which has accounts, has no first-run page", async ({ page }) => {
  expect((await page.goto("/setup"))?.status()).toBe(404);
});

test.describe("first-run page on an empty database", () => {
  test.describe.configure({ timeout: 300_000 });
  let server: ExtraInstance;
  test.beforeAll(async () => {
    test.setTimeout(300_000);
    server = await startExtraInstance({ SEED_DEMO: "0" });
  });
  test.afterAll(async () => server?.stop());

  test("field errors, then two browsers racing: exactly one admin; afterwards /setup is gone and a replayed submission creates nobody", async ({ browser }) => {
    const [one, two] = await Promise.all([browser.newContext({ baseURL: server.base }), browser.newContext({ baseURL: server.base })]);
    const [a, b] = [new SetupPage(await one.newPage()), new SetupPage(await two.newPage())];

    // Sign-in points to the setup while nobody can sign in.
    await a.page.goto("/login");
    await a.page.getByRole("link", { name: "Set up the newsroom" }).click();
    await expect(a.page.getByRole("heading", { name: "Set up the newsroom" })).toBeVisible();

    await a.submit.click();
    await expect(a.page.getByText("Enter a name.")).toBeVisible();
    await expect(a.page.getByText("Enter a valid email address, like name@example.org.")).toBeVisible();
    await expect(a.page.getByText("Use at least 10 characters.")).toBeVisible();
    await expect(a.name).toHaveAttribute("aria-invalid", "true");

    await a.fill({ name: "Ada Admin", email: "ada@example.org", password: PASSWORD, confirm: "something else" });
    await a.submit.click();
    await expect(a.page.getByText("The two passwords differ.")).toBeVisible();
    await expect(a.email).toHaveValue("ada@example.org");

    // Both browsers have the form open and send it at the same moment.
    await b.goto();
    await a.fill({ name: "Ada Admin", email: "ada@example.org", password: PASSWORD });
    await b.fill({ name: "Bob Admin", email: "bob@example.org", password: PASSWORD });
    let submission: { headers: Record<string, string>; body: Buffer } | undefined;
    a.page.on("request", (r) => {
      if (r.method() === "POST" && r.headers()["next-action"]) submission ??= { headers: r.headers(), body: r.postDataBuffer()! };
    });
    await Promise.all([a.submit.click(), b.submit.click()]);
    const landed = async (p: SetupPage) =>
      Promise.race([
        p.page.waitForURL(/\/login\?setup=done/).then(() => "admin" as const),
        p.page
          .getByText("The newsroom is already set up")
          .waitFor()
          .then(() => "refused" as const),
      ]);
    const outcomes = await Promise.all([landed(a), landed(b)]);
    expect([...outcomes].sort()).toEqual(["admin", "refused"]);
    const [winner, loser] = outcomes[0] === "admin" ? [a, b] : [b, a];
    const winnerEmail = winner === a ? "ada@example.org" : "bob@example.org";
    const loserEmail = winner === a ? "bob@example.org" : "ada@example.org";

    await expect(winner.page.getByText("The admin account is ready. Sign in with it now.")).toBeVisible();
    await new LoginPage(winner.page).signIn({ email: winnerEmail, password: PASSWORD });
    await expect(winner.page).toHaveURL(/\/newsroom/);
    await winner.page.goto("/newsroom/users");
    // The new admin has not chosen a language: the newsroom speaks the site language, French.
    const nav = winner.page.getByRole("navigation", { name: label("fr", "newsroom.header.navigation") });
    await expect(nav.getByRole("link", { name: label("fr", "newsroom.nav.users") })).toBeVisible();
    await expect(winner.page.getByRole("heading", { level: 1 })).toBeVisible();

    // Closed for good.
    expect((await loser.page.goto("/setup"))?.status()).toBe(404);
    await loser.page.goto("/login");
    await expect(loser.page.getByRole("link", { name: "Set up the newsroom" })).toHaveCount(0);
    await loser.page.getByLabel("Email", { exact: true }).fill(loserEmail);
    await loser.page.getByLabel("Password").fill(PASSWORD);
    await loser.page.getByRole("button", { name: "Sign in" }).click();
    await expect(loser.page.getByRole("alert").filter({ hasText: /./ })).toBeVisible();
    await expect(loser.page).toHaveURL(/\/login/);

    // A forged request after setup: browser A's own submission replayed with a new address.
    if (!submission) throw new Error("browser A's submission was not seen");
    const forged = submission.body.toString("latin1").replace(/(ada|bob)@example\.org/g, "intruder@example.org");
    const replay = await winner.page.request.fetch(`${server.base}/setup`, {
      method: "POST",
      // As a browser on the site would send it (the server refuses data changes from elsewhere).
      headers: { ...submission.headers, origin: server.base },
      data: Buffer.from(forged, "latin1"),
      maxRedirects: 0,
    });
    // The action ran and refused: its answer carries the refusal, and no redirect to sign-in.
    expect(replay.headers()["x-action-redirect"]).toBeUndefined();
    // The winner is signed in and has chosen no language: the answer is in the site language, French.
    expect(await replay.text()).toContain(label("fr", "errors.server.alreadySetUp"));
    const intruder = await browser.newContext({ baseURL: server.base });
    const login = new LoginPage(await intruder.newPage());
    await login.goto();
    await login.email.fill("intruder@example.org");
    await login.password.fill(PASSWORD);
    await login.submit.click();
    await expect(login.page).toHaveURL(/\/login/);
    await expect(login.page.getByRole("alert").filter({ hasText: /./ })).toBeVisible();
    await Promise.all([one.close(), two.close(), intruder.close()]);
  });
});

test("the server refuses to start on PostgreSQL without AUTH_SECRET, one line per problem", async () => {
  test.setTimeout(120_000);
  const port = await freePort();
  const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: "postgres://newsroom@127.0.0.1:1/newsroom", LOG_LEVEL: "loud" };
  delete env.AUTH_SECRET;
  const child = spawn(process.execPath, ["server/serve.mjs", "-p", String(port)], { env, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout.on("data", (d: Buffer) => (output += d));
  child.stderr.on("data", (d: Buffer) => (output += d));
  const code = await new Promise<number | null>((resolve) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      resolve(null);
    }, 90_000);
    child.once("exit", (c) => {
      clearTimeout(timer);
      resolve(c);
    });
  });
  expect(code, output).toBe(1);
  const problems = output.split("\n").filter((l) => l.startsWith("✖ "));
  expect(problems).toEqual([
    '✖ LOG_LEVEL must be fatal, error, warn, info, debug, trace or silent (got "loud")',
    "✖ AUTH_SECRET is required with DATABASE_URL: set the same random secret on every instance (openssl rand -base64 32), or sessions break and sign-in fails",
  ]);
  expect(output).not.toContain("127.0.0.1:1");
});
