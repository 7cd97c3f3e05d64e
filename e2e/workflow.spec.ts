import type { Page } from "@playwright/test";

import { expect, test } from "./fixtures";
import { DashboardPage } from "./pages/dashboard-page";
import { EditorPage } from "./pages/editor-page";

// Seeded demo articles (lib/demo/content.ts), one per scenario so the tests stay independent.
const IN_REVIEW = "Les start-up françaises lèvent moins mais mieux"; // by Yanis
const CHANGES_REQUESTED = "À Taïwan, l’industrie des semi-conducteurs se prépare au pire"; // by Claire
const APPROVED = "Le fret ferroviaire reprend des couleurs"; // by Yanis
const PUBLISHED = "Les prix de l’électricité reculent pour le troisième mois consécutif"; // by Yanis

const openFromDashboard = (page: Page, headline: string) => new DashboardPage(page).open(headline);
const sidebar = (page: Page) => new EditorPage(page).sidebar;

async function publicSlugOf(page: Page, headline: string): Promise<string> {
  await page.goto("/");
  const href = await page.getByRole("link", { name: headline }).first().getAttribute("href");
  return href!;
}

test("an editor requests changes with a comment, the journalist sees it and resubmits", async ({ as }) => {
  const editor = await as("editor");
  const dashboard = new DashboardPage(editor);
  await dashboard.goto();
  const queue = dashboard.reviewQueue;
  await expect(queue.getByRole("listitem").filter({ hasText: IN_REVIEW })).toContainText(/waiting \d/);
  const url = await openFromDashboard(editor, IN_REVIEW);
  await expect(sidebar(editor)).toContainText("Status: in review");

  await editor.getByRole("button", { name: "Request changes" }).click();
  const comment = editor.getByLabel("Comment for the author");
  await expect(comment).toHaveAttribute("aria-invalid", "true");
  await expect(editor.getByRole("alert").filter({ hasText: "a comment is required" })).toBeVisible();
  await comment.fill("Ajoutez la source des chiffres de levée de fonds, s’il vous plaît.");
  await editor.getByRole("button", { name: "Request changes" }).click();
  await expect(sidebar(editor)).toContainText("Status: waiting for changes");
  await expect(editor.getByRole("button", { name: "Approve" })).toHaveCount(0);

  const yanis = await as("yanis");
  await expect(yanis.getByRole("link", { name: /^Notifications \d+ unread$/ })).toBeVisible();
  await yanis.getByRole("link", { name: /Notifications/ }).click();
  await expect(yanis.getByRole("link", { name: /requested changes to “Les start-up/ })).toBeVisible();
  await yanis.goto("/newsroom");
  await expect(yanis.getByRole("region", { name: /Changes requested/ })).toContainText(IN_REVIEW);
  await yanis.goto(url);
  const discussion = yanis.getByRole("region", { name: "Discussion" });
  await expect(discussion).toContainText("Ajoutez la source des chiffres de levée de fonds");
  await expect(discussion).toContainText("Changes requested");
  await expect(yanis.getByRole("region", { name: "Timeline" })).toContainText("requested changes");

  await yanis.getByLabel("Add a comment").fill("C’est fait : source Dealroom ajoutée.");
  await yanis.getByRole("button", { name: "Post comment" }).click();
  await expect(discussion).toContainText("source Dealroom ajoutée");
  await yanis.getByRole("button", { name: "Submit for review" }).click();
  await expect(sidebar(yanis)).toContainText("Status: in review");
  await expect(yanis.getByRole("button", { name: "Withdraw" })).toBeVisible();
  await expect(yanis.getByRole("button", { name: "Publish", exact: true })).toHaveCount(0);
});

test("submitting an empty draft marks the empty fields, where they are filled in", async ({ as }) => {
  const claire = await as("claire");
  const editor = new EditorPage(claire);
  await editor.create();
  await claire.getByRole("button", { name: "Submit for review" }).click();
  const headline = claire.getByLabel("Headline", { exact: true });
  await expect(headline).toHaveAttribute("aria-invalid", "true");
  await expect(claire.getByText("A headline is needed to submit.")).toBeVisible();
  await expect(claire.getByText("The body is empty: write the article to submit it.")).toBeVisible();
  await expect(headline).toBeFocused();
  // Filled in, the marks go with the next save, and the submit goes through.
  await headline.fill("Un titre, enfin");
  await editor.typeInBody("Et un texte.");
  await editor.saved();
  await expect(headline).not.toHaveAttribute("aria-invalid", "true");
  await claire.getByRole("button", { name: "Submit for review" }).click();
  await expect(sidebar(claire)).toContainText("Status: in review");
});

test("an author withdraws a submitted article and can edit it again", async ({ as }) => {
  const claire = await as("claire");
  const editor = new EditorPage(claire);
  await editor.create();
  await claire.getByLabel("Headline", { exact: true }).fill("Retiré avant relecture");
  await editor.typeInBody("Un premier jet, soumis trop tôt.");
  await editor.saved();
  await claire.getByRole("button", { name: "Submit for review" }).click();
  await expect(sidebar(claire)).toContainText("Status: in review");
  // In review, the author may only read the live body: withdrawing must not wait for a save of it.
  await expect(editor.body).toHaveAttribute("contenteditable", "false");
  await claire.getByRole("button", { name: "Withdraw" }).click();
  await expect(sidebar(claire)).toContainText("Status: a draft", { timeout: 5_000 });
  await expect(editor.body).toHaveAttribute("contenteditable", "true");
  await editor.typeInBody(" Repris.");
  await editor.saved();
  await claire.reload();
  await expect(editor.body).toContainText("soumis trop tôt. Repris.");
});

test("right after publishing, the editor changes the headline without a reload: it is saved, the URL stays", async ({ as }) => {
  const claire = await as("claire");
  const draft = new EditorPage(claire);
  const id = await draft.create();
  await claire.getByLabel("Headline", { exact: true }).fill("Le quai nord rouvre");
  await draft.typeInBody("Les travaux sont finis.");
  await draft.saved();
  await claire.getByRole("button", { name: "Submit for review" }).click();
  await expect(sidebar(claire)).toContainText("Status: in review");

  const marc = await as("editor");
  const editor = new EditorPage(marc);
  await marc.goto(`/newsroom/articles/${id}`);
  await marc.getByRole("button", { name: "Publish", exact: true }).click();
  await expect(sidebar(marc)).toContainText("Status: published");
  const slug = marc.getByLabel("Slug", { exact: true });
  await expect(slug).toHaveAttribute("readonly", "");
  const published = await slug.inputValue();
  // The slug no longer follows the headline: the save holds the headline alone, and is accepted.
  await marc.getByLabel("Headline", { exact: true }).fill("Le quai nord rouvre ce matin");
  await editor.saved();
  await expect(slug).toHaveValue(published);
  await marc.reload();
  await expect(marc.getByLabel("Headline", { exact: true })).toHaveValue("Le quai nord rouvre ce matin");
  await expect(slug).toHaveValue(published);
});

test("an editor approves and publishes, and the public page shows the article", async ({ browser, as }) => {
  const claire = await as("claire");
  const url = await openFromDashboard(claire, CHANGES_REQUESTED);
  await claire.getByRole("button", { name: "Submit for review" }).click();
  await expect(sidebar(claire)).toContainText("Status: in review");

  const editor = await as("editor");
  await editor.goto(url);
  await editor.getByRole("button", { name: "Approve" }).click();
  await expect(sidebar(editor)).toContainText("Status: approved");
  await expect(editor.getByRole("button", { name: "Schedule" })).toBeVisible();
  const action = editor.waitForResponse(
    (r) => r.request().method() === "POST" && r.request().headers()["next-action"] !== undefined && /"publish"/.test(r.request().postData() ?? ""),
  );
  await editor.getByRole("button", { name: "Publish", exact: true }).click();
  // The action answers with its result only: the page is rendered once, by the panel's refresh,
  // not a second time inside the action's answer (Next does that when the action revalidates a path).
  expect((await action).headers()["x-action-revalidated"]).toBeUndefined();
  await expect(sidebar(editor)).toContainText("Status: published");
  await expect(editor.getByRole("button", { name: "Unpublish" })).toBeVisible();

  const reader = await (await browser.newContext()).newPage();
  const href = await publicSlugOf(reader, CHANGES_REQUESTED);
  await reader.goto(href);
  await expect(reader.getByRole("heading", { level: 1, name: CHANGES_REQUESTED })).toBeVisible();
  await claire.goto("/newsroom/notifications");
  await expect(claire.getByRole("link", { name: /published “À Taïwan/ })).toBeVisible();
  // One notification marked read on its own: its button goes, her other unread ones keep theirs.
  const unread = claire.getByRole("button", { name: /^Mark as read: / });
  const thisOne = claire.getByRole("button", { name: /^Mark as read: .*published “À Taïwan/ });
  const [allBefore, theseBefore] = [await unread.count(), await thisOne.count()];
  expect(theseBefore).toBeGreaterThan(0);
  await thisOne.first().click();
  await expect(thisOne).toHaveCount(theseBefore - 1);
  await expect(unread).toHaveCount(allBefore - 1);
});

test("a journalist's direct call of the publish action is refused and changes nothing", async ({ browser, baseURL, as }) => {
  // Record the exact server-action request the editor's Publish button sends, without letting it through.
  const editor = await as("editor");
  const url = await openFromDashboard(editor, APPROVED);
  let captured: { headers: Record<string, string>; body: string } | null = null;
  await editor.route(url, async (route) => {
    const req = route.request();
    // Only the transition: the editor's autosave and presence heartbeat post actions to this URL too.
    if (req.method() === "POST" && req.headers()["next-action"] && (req.postData() ?? "").includes('"action":"publish"')) {
      captured ??= { headers: req.headers(), body: req.postData() ?? "" };
      return route.abort();
    }
    return route.continue();
  });
  await editor.getByRole("button", { name: "Publish", exact: true }).click();
  await expect.poll(() => captured).not.toBeNull();
  expect(captured!.body).toContain('"action":"publish"');

  // Yanis, an author of the article, replays it with his own session.
  const yanis = await as("yanis");
  const response = await yanis.request.post(url, {
    headers: {
      "next-action": captured!.headers["next-action"],
      "content-type": captured!.headers["content-type"],
      accept: "text/x-component",
      origin: baseURL!,
    },
    data: captured!.body,
  });
  const text = await response.text();
  expect(text).toContain("You are not allowed to do this.");
  expect(text).not.toContain('"ok":true');

  await yanis.goto(url);
  await expect(sidebar(yanis)).toContainText("Status: approved");
  await expect(yanis.getByRole("region", { name: "Timeline" })).not.toContainText("published");
  const reader = await (await browser.newContext()).newPage();
  await reader.goto("/");
  await expect(reader.getByRole("link", { name: APPROVED })).toHaveCount(0);
});

test("scheduling needs a future time in the newsroom's zone; an editor can unschedule", async ({ as }) => {
  const editor = await as("editor");
  await openFromDashboard(editor, APPROVED);
  const when = editor.getByLabel("Publication time (Europe/Paris)");
  await when.fill("2020-01-01T09:00");
  await editor.getByRole("button", { name: "Schedule" }).click();
  await expect(when).toHaveAttribute("aria-invalid", "true");
  await expect(editor.getByRole("alert").filter({ hasText: "in the future" })).toBeVisible();
  await when.fill("2099-06-01T09:30");
  await editor.getByRole("button", { name: "Schedule" }).click();
  await expect(sidebar(editor)).toContainText("Status: scheduled");
  await expect(sidebar(editor)).toContainText("1 Jun 2099, 09:30");
  await editor.goto("/newsroom");
  await expect(editor.getByRole("region", { name: /Approved and scheduled/ })).toContainText("Scheduled for 1 Jun 2099, 09:30");
  await openFromDashboard(editor, APPROVED);
  // The revision cut by the schedule says when, in the newsroom's zone (not in UTC).
  await editor.getByRole("link", { name: "History" }).click();
  await expect(editor.getByRole("row", { name: /Scheduled/ }).first()).toContainText("for 1 Jun 2099, 09:30 (Europe/Paris)");
  await editor.goBack();
  await editor.getByRole("button", { name: "Unschedule" }).click();
  await expect(sidebar(editor)).toContainText("Status: approved");
});

test("an update to a published article stays invisible to readers until published, then shows its correction note", async ({ browser, as }) => {
  const editor = await as("editor");
  const url = await openFromDashboard(editor, PUBLISHED);
  const reader = await (await browser.newContext()).newPage();
  const href = await publicSlugOf(reader, PUBLISHED);
  const updated = "Les prix de l’électricité reculent pour le quatrième mois consécutif";

  // Another editor saves a change to the published article in the editor (the one who publishes
  // it must not have edited this version: two-person rule).
  const admin = new EditorPage(await as("admin"));
  await admin.page.goto(url);
  await admin.headline.fill(updated);
  await admin.saved();
  await editor.goto("/newsroom");
  await expect(
    editor
      .getByRole("region", { name: /Recently published/ })
      .getByRole("listitem")
      .filter({ hasText: updated }),
  ).toContainText("Published, with unpublished changes");
  await reader.goto(href);
  await expect(reader.getByRole("heading", { level: 1 })).toHaveText(PUBLISHED);

  await editor.goto(url);
  await expect(sidebar(editor)).toContainText("published, with unpublished changes");
  await expect(editor.getByRole("region", { name: "Changes since the live version" })).toContainText("quatrième");
  await editor.getByLabel("Correction note (optional)").fill("Une version précédente indiquait à tort « troisième mois ».");
  await editor.getByRole("button", { name: "Publish", exact: true }).click();
  await expect(sidebar(editor).getByRole("status")).toHaveText("The update is published.");
  await expect(sidebar(editor)).not.toContainText("unpublished changes");

  await reader.goto(href);
  await expect(reader.getByRole("heading", { level: 1 })).toHaveText(updated);
  await expect(reader.getByRole("region", { name: /Corrections|Rectificatifs/ })).toContainText("Une version précédente indiquait à tort");
});

test("admins see the global activity log; journalists do not", async ({ as }) => {
  const admin = await as("admin");
  await admin.getByRole("link", { name: "Activity log" }).click();
  await expect(admin.getByRole("heading", { level: 1, name: "Activity log" })).toBeVisible();
  await expect(admin.getByRole("table", { name: "Events" })).toContainText("requested changes");
  const claire = await as("claire");
  const response = await claire.goto("/newsroom/log");
  expect(response?.status()).toBe(404);
  await expect(claire.getByRole("link", { name: "Activity log" })).toHaveCount(0);
});

test("unpublishing needs a reason and hides the article; publishing brings it back", async ({ browser, as }) => {
  const EUROPE = "European ports test a shared cyber-alert network"; // published, by Claire
  const editor = await as("editor");
  await openFromDashboard(editor, EUROPE);
  await editor.getByRole("button", { name: "Unpublish" }).click();
  await expect(editor.getByRole("alert").filter({ hasText: "A reason is required" })).toBeVisible();
  await editor.getByLabel("Reason for unpublishing").fill("Vérification des sources en cours.");
  await editor.getByRole("button", { name: "Unpublish" }).click();
  await expect(sidebar(editor)).toContainText("Status: unpublished");
  const reader = await (await browser.newContext()).newPage();
  await reader.goto("/");
  await expect(reader.getByRole("link", { name: EUROPE })).toHaveCount(0);

  await editor.getByRole("button", { name: "Publish", exact: true }).click();
  await expect(sidebar(editor)).toContainText("Status: published");
  await reader.goto("/");
  // The front page may list it twice (latest and its section).
  await expect(reader.getByRole("link", { name: EUROPE }).first()).toBeVisible();
});

test("a scheduled article whose time passed while the app was down is published by the job runner", async ({ browser, as }) => {
  const editor = await as("editor");
  const reader = await (await browser.newContext()).newPage();
  const fret = await openFromDashboard(editor, "Le fret ferroviaire reprend des couleurs");
  await editor.getByLabel("Publication time (Europe/Paris)").fill("2099-01-01T08:00");
  await editor.getByRole("button", { name: "Schedule" }).click();
  await expect(sidebar(editor)).toContainText("Status: scheduled");
  const backdated = await editor.request.post("/api/test-hooks/backdate-schedule", { data: { articleId: fret.split("/").pop(), minutesAgo: 90 } });
  expect(backdated.ok()).toBe(true);
  // The runner polls every 15 s: within a minute the backlog is out (the front page may list it
  // in more than one block); exactly once is the timeline's single "published on schedule".
  await expect
    .poll(async () => (await reader.goto("/"), await reader.getByRole("link", { name: "Le fret ferroviaire reprend des couleurs" }).count()), {
      timeout: 60_000,
      intervals: [2_000],
    })
    .toBeGreaterThan(0);
  await editor.goto(fret);
  await expect(sidebar(editor)).toContainText("Status: published");
  await expect(editor.getByRole("region", { name: "Timeline" }).getByText("published on schedule")).toHaveCount(1);
});

test("the workflow pages have no serious or critical accessibility violations", async ({ as }) => {
  const { default: AxeBuilder } = await import("@axe-core/playwright");
  const editor = await as("editor");
  for (const path of ["/newsroom", "/newsroom/notifications"]) {
    await editor.goto(path);
    const { violations } = await new AxeBuilder({ page: editor }).analyze();
    expect(violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${path}: ${v.id}`)).toEqual([]);
  }
  await openFromDashboard(editor, "La Chine nie toute implication dans la cyberattaque contre les hôpitaux français");
  const { violations } = await new AxeBuilder({ page: editor }).include("aside").analyze();
  expect(violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => v.id)).toEqual([]);
  const admin = await as("admin");
  await admin.goto("/newsroom/log");
  const log = await new AxeBuilder({ page: admin }).analyze();
  expect(log.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => v.id)).toEqual([]);
});

test("newsroom pages ask the server for no other page before a click, also after a workflow action refreshes them", async ({ as }) => {
  const editor = await as("editor");
  // A prefetch is a server render of another page (the public front page's included, which its
  // cache never holds in that form); every router.refresh() would ask for them all again.
  const ahead: string[] = [];
  editor.on("request", (r) => {
    if (r.headers()["next-router-prefetch"] !== undefined) ahead.push(r.url());
  });
  const dashboard = new DashboardPage(editor);
  await dashboard.goto();
  await editor.getByRole("main").getByRole("link", { name: "New article" }).click();
  await editor.waitForURL(/\/newsroom\/articles\/[0-9a-f-]{36}$/);
  await editor.getByLabel("Add a comment").fill("Relu : rien à signaler.");
  await editor.getByRole("button", { name: "Post comment" }).click();
  await expect(editor.getByRole("region", { name: "Discussion" })).toContainText("Relu : rien à signaler.");
  // Links enter the viewport and prefetch when idle: give them the time they would take.
  await editor.waitForTimeout(1500);
  expect(ahead).toEqual([]);
  // Navigation still works, fetched on the click.
  await editor.getByRole("navigation", { name: "Newsroom" }).getByRole("link", { name: "Tags" }).click();
  await expect(editor).toHaveURL(/\/newsroom\/tags$/);
});
