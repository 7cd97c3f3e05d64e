import { expect, test } from "./fixtures";
import { DashboardPage } from "./pages/dashboard-page";
import { EditorPage } from "./pages/editor-page";
import { EmbargoSection } from "./pages/embargo-section";

const TZ = "Europe/Paris";
/** A `datetime-local` value in the newsroom time zone, as the sidebar's fields take it. */
function local(d: Date): string {
  const parts = new Intl.DateTimeFormat("en-CA", {
    timeZone: TZ,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).formatToParts(d);
  const p = Object.fromEntries(parts.map((x) => [x.type, x.value]));
  return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}`;
}
/** The instant as the newsroom shows it (lib/workflow/time-zone.ts formatInZone). */
const shown = (d: Date) => new Intl.DateTimeFormat("en-GB", { timeZone: TZ, dateStyle: "medium", timeStyle: "short" }).format(d);
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

test("an embargoed article cannot be published until the clock passes it, then the scheduler publishes it once", async ({ browser, as, request }) => {
  // Two waits on the job runner (every 15 s) on a loaded machine.
  test.setTimeout(180_000);
  // An article of its own: a retry (or another run on the same server) must not meet an earlier one's.
  const run = Date.now().toString(36);
  const HEADLINE = `Sous embargo : le rapport annuel de la Cour des comptes ${run}`;
  const SLUG = `sous-embargo-rapport-cour-des-comptes-${run}`;
  // Written by the demo editor, approved by the admin: the admin may publish it (two-person rule).
  const created = await request.post("/api/test-hooks/articles", { data: { action: "create", slug: SLUG, value: HEADLINE, state: "approved" } });
  expect(created.ok(), await created.text()).toBe(true);

  const admin = await as("admin");
  // The server's application clock (lib/clock.ts) is moved by the `clock` test hook, never the data.
  const setClock = async (at: Date | null) => {
    const r = await admin.request.post("/api/test-hooks/clock", { data: { at: at?.toISOString() ?? null } });
    expect(r.ok(), await r.text()).toBe(true);
  };
  // A whole hour at least three hours ahead: the embargo the desk agreed with the source.
  const until = new Date(Math.ceil((Date.now() + 3 * 3_600_000) / 3_600_000) * 3_600_000);
  const untilText = `Embargoed until ${shown(until)} (${TZ})`;
  try {
    const url = await new DashboardPage(admin).open(HEADLINE);
    const editor = new EditorPage(admin);
    const embargo = new EmbargoSection(admin);
    await expect(editor.sidebar.getByRole("button", { name: "Publish", exact: true })).toBeEnabled();

    // An embargo in the past is refused at the field.
    await embargo.set("2001-01-01T08:00");
    await expect(embargo.region.getByRole("alert")).toHaveText("The embargo must end in the future.");

    await embargo.set(local(until));
    await expect(embargo.notice).toContainText(untilText);
    await expect(embargo.notice).toContainText("left");
    // Publish is held back, disabled, with the reason; nothing else offers it.
    const publish = editor.sidebar.getByRole("button", { name: "Publish", exact: true });
    await expect(publish).toHaveCount(1);
    await expect(publish).toBeDisabled();
    await expect(publish).toHaveAccessibleDescription(`${untilText}: it cannot be published before then.`);
    await expect(admin.getByRole("region", { name: "Timeline" }).getByText(new RegExp(`set an embargo until ${escape(shown(until))}`))).toHaveCount(1);

    // A schedule before the embargo is refused with a message naming it; at the embargo it is taken.
    await admin.getByLabel(`Publication time (${TZ})`).fill(local(new Date(until.getTime() - 3_600_000)));
    await admin.getByRole("button", { name: "Schedule" }).click();
    await expect(admin.getByRole("alert").filter({ hasText: untilText })).toBeVisible();
    await expect(editor.sidebar).toContainText("Status: approved");
    await admin.getByLabel(`Publication time (${TZ})`).fill(local(until));
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
    ).toContainText(new RegExp(`${escape(untilText)}.* left`));

    // The clock moves to two minutes before the embargo: the sidebar counts the minutes, the
    // runner (every 15 s) leaves the article alone, readers still get a 404.
    await setClock(new Date(until.getTime() - 2 * 60_000));
    await admin.goto(url);
    await expect(embargo.notice).toContainText(/[12] min left/);
    await expect(editor.sidebar).toContainText("Status: scheduled");
    const reader = await (await browser.newContext()).newPage();
    await admin.waitForTimeout(20_000);
    expect((await reader.goto(`/articles/${SLUG}`))?.status()).toBe(404);
    await admin.goto(url);
    await expect(editor.sidebar).toContainText("Status: scheduled");

    // Then the clock passes the embargo: the runner publishes it, exactly once.
    await setClock(new Date(until.getTime() + 60_000));
    await expect.poll(async () => (await reader.goto(`/articles/${SLUG}`))?.status(), { timeout: 60_000, intervals: [2_000] }).toBe(200);
    await expect(reader.getByRole("heading", { level: 1 })).toHaveText(HEADLINE);
    await admin.goto(url);
    await expect(editor.sidebar).toContainText("Status: published");
    await expect(admin.getByRole("region", { name: "Timeline" }).getByText("published on schedule")).toHaveCount(1);
    await expect(embargo.notice).toHaveCount(0);
  } finally {
    await setClock(null);
    // Published at the moved clock, hours ahead: left live, it would head every list of the
    // suite's later specs (newest first) until the real clock caught up.
    await request.post("/api/test-hooks/articles", { data: { action: "unpublish", slug: SLUG } });
  }
});

test("a journalist sees the embargo but cannot set it", async ({ as }) => {
  const claire = await as("claire");
  const editor = new EditorPage(claire);
  await editor.create();
  await expect(editor.sidebar).toContainText("Status: a draft");
  await expect(new EmbargoSection(claire).region).toHaveCount(0);
  await expect(claire.getByLabel("Embargo until")).toHaveCount(0);
});
