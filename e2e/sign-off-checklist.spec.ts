import type { Page } from "@playwright/test";

import { findInjected } from "./corpus/dom-check";
import { XSS_PAYLOADS } from "./corpus/xss-payloads";
import { expect, test } from "./fixtures";
import { EditorPage } from "./pages/editor-page";

/**
 * The sign-off checklist: an admin defines a required item on the settings page, the article's
 * author (an editor) may not tick it, and `Approve` stays away until another editor ticks it.
 * The checklist is newsroom-wide, so every test leaves it empty for the specs after.
 */
test.describe.configure({ mode: "serial" });

const LABEL = "Lecture juridique faite";

test.afterAll(async ({ request }) => {
  await request.post("/api/test-hooks/checklist", { data: { action: "reset" } });
});

async function articleInReview(page: Page, headline: string): Promise<string> {
  const r = await page.request.post("/api/test-hooks/checklist", { data: { action: "article", value: headline } });
  expect(r.ok(), await r.text()).toBe(true);
  return `/newsroom/articles/${((await r.json()) as { id: string }).id}`;
}

test("a required checklist item blocks Approve until another editor ticks it", async ({ as }) => {
  const admin = await as("admin");
  await admin.goto("/newsroom/settings");
  const settings = admin.getByRole("region", { name: "Checklist" });
  // An empty label is refused at the field, and nothing is added.
  await settings.getByRole("button", { name: "Add item" }).click();
  await expect(settings.getByLabel("Label", { exact: true })).toHaveAttribute("aria-invalid", "true");
  await expect(settings).toContainText("Enter a label.");
  await expect(settings).toContainText("No checklist items.");
  await settings.getByLabel("Label", { exact: true }).fill(LABEL);
  await expect(settings.getByRole("checkbox", { name: "Required" })).toBeChecked();
  await settings.getByRole("button", { name: "Add item" }).click();
  await expect(settings.getByRole("button", { name: `Delete ${LABEL}` })).toBeVisible();

  const url = await articleInReview(admin, "Un article sous contrôle juridique");

  // The demo editor wrote it: the two-person rule keeps them from ticking (and approving).
  const author = await as("editor");
  await author.goto(url);
  const own = author.getByRole("region", { name: "Checklist" });
  await expect(own.getByRole("checkbox", { name: LABEL })).toBeDisabled();
  await expect(own).toContainText("an author of this article cannot tick its checklist");

  await admin.goto(url);
  const sidebar = new EditorPage(admin).sidebar;
  await expect(sidebar).toContainText("Status: in review");
  const checklist = admin.getByRole("region", { name: "Checklist" });
  await expect(checklist.getByTestId("checklist-summary")).toHaveText("1 required item left: Approve, Publish and Schedule wait for them.");
  await expect(admin.getByRole("button", { name: "Request changes" })).toBeVisible();
  await expect(admin.getByRole("button", { name: "Approve" })).toHaveCount(0);

  await checklist.getByRole("checkbox", { name: LABEL }).check();
  await expect(checklist.getByTestId("checklist-summary")).toHaveText("Every required item is ticked.");
  await expect(checklist).toContainText("Ticked by Amélie Rousseau");
  await expect(admin.getByRole("region", { name: "Timeline" })).toContainText(`ticked “${LABEL}” on the checklist`);
  await admin.getByRole("button", { name: "Approve" }).click();
  await expect(sidebar).toContainText("Status: approved");

  // Deleting the item from the settings lifts the gate everywhere.
  await admin.goto("/newsroom/settings");
  await admin.getByRole("button", { name: `Delete ${LABEL}` }).click();
  await expect(admin.getByRole("region", { name: "Checklist" })).toContainText("No checklist items.");
});

test("hostile checklist labels stay text on the settings page, in the sidebar and on the timeline", async ({ as }) => {
  test.setTimeout(120_000);
  const admin = await as("admin");
  const r = await admin.request.post("/api/test-hooks/checklist", { data: { action: "xss" }, timeout: 100_000 });
  expect(r.ok(), await r.text()).toBe(true);
  const { id } = (await r.json()) as { id: string };
  const seen = { dialogs: 0, hits: 0 };
  await admin.addInitScript(`window.__xssCount = 0; window.__xss = function () { window.__xssCount++; }; window.__findInjected = ${findInjected.toString()};`);
  admin.on("dialog", (d) => {
    seen.dialogs++;
    void d.dismiss().catch(() => {});
  });
  await admin.route("**/__xss_hit**", (route) => {
    seen.hits++;
    return route.fulfill({ status: 204, body: "" });
  });
  for (const url of ["/newsroom/settings", `/newsroom/articles/${id}`]) {
    const response = await admin.goto(url, { waitUntil: "load" });
    expect(response?.status(), url).toBe(200);
    await admin.waitForTimeout(50);
    const { count, injected } = await admin.evaluate(() => {
      const w = window as unknown as { __xssCount: number; __findInjected: (d: Document) => string[] };
      return { count: w.__xssCount, injected: w.__findInjected(document) };
    });
    // React's own markup for forms whose action is a function (its fixed placeholder action and
    // its inline script that replays submits made before hydration), not a payload.
    const REACT_FORM = [
      "action=javascript:throw new Error('React form unexpectedly submitte",
      'inline script: addEventListener("submit",function(a){if(!a.defaultPrevented){',
    ];
    const found = injected.filter((i) => !REACT_FORM.some((r) => i.includes(r)));
    expect.soft(found, url).toEqual([]);
    expect.soft(count, `${url}: __xss() ran`).toBe(0);
  }
  // The labels are there, as text.
  await expect(admin.getByRole("region", { name: "Timeline" })).toContainText(`ticked “${XSS_PAYLOADS[0]}” on the checklist`);
  await expect(admin.getByRole("region", { name: "Checklist" })).toContainText(XSS_PAYLOADS[0]);
  expect(seen).toEqual({ dialogs: 0, hits: 0 });
  await admin.request.post("/api/test-hooks/checklist", { data: { action: "reset" } });
});
