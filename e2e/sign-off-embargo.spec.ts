import { expect, test } from "./fixtures";
import { DashboardPage } from "./pages/dashboard-page";
import { EditorPage } from "./pages/editor-page";
import { EmbargoSection } from "./pages/embargo-section";

const HEADLINE = "Sous embargo : le rapport annuel de la Cour des comptes";
const SLUG = "sous-embargo-rapport-cour-des-comptes";

test("an embargoed article cannot be published until the clock passes it, then the scheduler publishes it once", async ({ browser, as, request }) => {
  // Written by the demo editor, approved by the admin: the admin may publish it (two-person rule).
  const created = await request.post("/api/test-hooks/articles", { data: { action: "create", slug: SLUG, value: HEADLINE, state: "approved" } });
  expect(created.ok(), await created.text()).toBe(true);

  const admin = await as("admin");
  const url = await new DashboardPage(admin).open(HEADLINE);
  const articleId = url.split("/").pop();
  const editor = new EditorPage(admin);
  const embargo = new EmbargoSection(admin);
  await expect(editor.sidebar.getByRole("button", { name: "Publish", exact: true })).toBeEnabled();

  // An embargo in the past or unparsable is refused at the field.
  await embargo.set("2001-01-01T08:00");
  await expect(embargo.region.getByRole("alert")).toHaveText("The embargo must end in the future.");

  await embargo.set("2099-01-01T08:00");
  await expect(embargo.notice).toContainText("Embargoed until 1 Jan 2099, 08:00 (Europe/Paris)");
  await expect(embargo.notice).toContainText("left");
  // Publish is held back, disabled, with the reason; nothing else offers it.
  const publish = editor.sidebar.getByRole("button", { name: "Publish", exact: true });
  await expect(publish).toHaveCount(1);
  await expect(publish).toBeDisabled();
  await expect(publish).toHaveAccessibleDescription(/^Embargoed until 1 Jan 2099, 08:00 \(Europe\/Paris\): it cannot be published before then\.$/);
  await expect(admin.getByRole("region", { name: "Timeline" }).getByText(/set an embargo until 1 Jan 2099, 08:00/)).toHaveCount(1);

  // A schedule before the embargo is refused with a message naming it; at the embargo it is taken.
  await admin.getByLabel("Publication time (Europe/Paris)").fill("2098-12-31T23:00");
  await admin.getByRole("button", { name: "Schedule" }).click();
  await expect(admin.getByRole("alert").filter({ hasText: "Embargoed until 1 Jan 2099, 08:00 (Europe/Paris)" })).toBeVisible();
  await expect(editor.sidebar).toContainText("Status: approved");
  await admin.getByLabel("Publication time (Europe/Paris)").fill("2099-01-01T08:00");
  await admin.getByRole("button", { name: "Schedule" }).click();
  await expect(editor.sidebar).toContainText("Status: scheduled");

  // The dashboard lists it with the time left.
  const dashboard = new DashboardPage(admin);
  await dashboard.goto();
  await expect(
    dashboard
      .region(/^Embargoed/)
      .getByRole("listitem")
      .filter({ hasText: HEADLINE }),
  ).toContainText(/Embargoed until 1 Jan 2099.* left/);

  // The schedule's time passes but not the embargo: the runner (every 15 s) leaves it alone.
  const backdated = await admin.request.post("/api/test-hooks/backdate-schedule", { data: { articleId, minutesAgo: 30 } });
  expect(backdated.ok()).toBe(true);
  const reader = await (await browser.newContext()).newPage();
  await admin.waitForTimeout(20_000);
  expect((await reader.goto(`/articles/${SLUG}`))?.status()).toBe(404);
  await admin.goto(url);
  await expect(editor.sidebar).toContainText("Status: scheduled");

  // Then the clock passes the embargo: the runner publishes it, exactly once.
  const passed = await admin.request.post("/api/test-hooks/backdate-embargo", { data: { articleId, minutesAgo: 1 } });
  expect(passed.ok()).toBe(true);
  await expect.poll(async () => (await reader.goto(`/articles/${SLUG}`))?.status(), { timeout: 60_000, intervals: [2_000] }).toBe(200);
  await expect(reader.getByRole("heading", { level: 1 })).toHaveText(HEADLINE);
  await admin.goto(url);
  await expect(editor.sidebar).toContainText("Status: published");
  await expect(admin.getByRole("region", { name: "Timeline" }).getByText("published on schedule")).toHaveCount(1);
  await expect(embargo.notice).toHaveCount(0);
});

test("a journalist sees the embargo but cannot set it", async ({ as }) => {
  const claire = await as("claire");
  const editor = new EditorPage(claire);
  await editor.create();
  await expect(editor.sidebar).toContainText("Status: a draft");
  await expect(new EmbargoSection(claire).region).toHaveCount(0);
  await expect(claire.getByLabel("Embargo until")).toHaveCount(0);
});
