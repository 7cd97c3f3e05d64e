import type { Page } from "@playwright/test";
import WebSocket from "ws";

import { ACCOUNTS, expect, test } from "./fixtures";
import { EditorPage } from "./pages/editor-page";

/** Co-editing (product.md §11): two browsers on one live document. */
const body = (page: Page) => new EditorPage(page).body;
const workflow = (page: Page) => page.getByRole("complementary", { name: "Workflow" });

async function typeAtEnd(page: Page, text: string) {
  await body(page).click();
  await page.keyboard.press("ControlOrMeta+End");
  await page.keyboard.type(text);
}

test("two people type in the same paragraph and see each other's text, caret and name", async ({ as }) => {
  const claire = await as("claire");
  const id = await new EditorPage(claire).create();
  await claire.getByLabel("Headline", { exact: true }).fill("Deux plumes, un paragraphe");
  await typeAtEnd(claire, "Claire commence la phrase.");
  const marc = await as("editor");
  await marc.goto(`/newsroom/articles/${id}`);
  await expect(body(marc)).toContainText("Claire commence la phrase.");
  await expect(claire.getByRole("status").filter({ hasText: "also editing" })).toContainText(ACCOUNTS.editor.name);
  await expect(marc.getByRole("status").filter({ hasText: "also editing" })).toContainText(ACCOUNTS.claire.name);

  await typeAtEnd(marc, " Marc la termine.");
  await typeAtEnd(claire, " Et Claire ajoute un mot.");
  for (const page of [claire, marc]) {
    await expect(body(page)).toContainText("Claire commence la phrase.");
    await expect(body(page)).toContainText("Marc la termine.");
    await expect(body(page)).toContainText("Et Claire ajoute un mot.");
  }
  // The other's caret carries their name.
  await expect(claire.locator(".live-caret-label", { hasText: ACCOUNTS.editor.name })).toBeVisible();
  await expect(marc.locator(".live-caret-label", { hasText: ACCOUNTS.claire.name })).toBeVisible();
  await expect(new EditorPage(claire).saveStatus).toHaveText(/^Saved at/, { timeout: 15_000 });
  // Both see one paragraph with all three sentences, after a reload too (stored on the server).
  await claire.reload();
  await expect(body(claire)).toContainText("Claire commence la phrase.");
  await expect(body(claire)).toContainText("Marc la termine.");
  await expect(body(claire)).toContainText("Et Claire ajoute un mot.");
});

test("a connection to the collaboration server stays open after its handshake, as a Node client sees it", async ({ page, baseURL }) => {
  // Next, at its first request, adds an upgrade listener of its own that ended every /collab socket
  // (the path matches the public catch-all route) just after the handshake: Chromium kept reading,
  // but a client that takes the end of the stream as a close (Node's ws) was cut.
  await page.goto("/");
  const url = `${baseURL!.replace(/^http/, "ws")}/collab`;
  const outcome = await new Promise<string>((resolve) => {
    const ws = new WebSocket(url);
    ws.on("close", (code) => resolve(`closed (${code})`));
    ws.on("error", (error) => resolve(`error: ${error.message}`));
    ws.on("open", () => setTimeout(() => resolve("open"), 3_000));
    setTimeout(() => resolve("no handshake in 10 s"), 10_000);
  });
  expect(outcome).toBe("open");
});

test("the connection limit counts each client behind the proxy, not the proxy", async ({ baseURL }) => {
  // The suites' server trusts loopback as a proxy (TRUST_PROXY): X-Forwarded-For names the client.
  const url = `${baseURL!.replace(/^http/, "ws")}/collab`;
  const attempt = (client: string) =>
    new Promise<number>((resolve) => {
      const ws = new WebSocket(url, { headers: { "x-forwarded-for": client } });
      ws.on("open", () => (ws.close(), resolve(101)));
      ws.on("unexpected-response", (_req, res) => resolve(res.statusCode ?? 0));
      ws.on("error", () => resolve(0));
    });
  const busy = `203.0.113.${Math.floor(Math.random() * 250) + 1}`;
  const statuses: number[] = [];
  // 120 attempts a minute per client (lib/collab/limits.ts).
  for (let i = 0; i < 121; i++) statuses.push(await attempt(busy));
  expect(statuses.map((s, i) => `${i}:${s}`).filter((s) => !s.endsWith(":101"))).toEqual(["120:429"]);
  expect(statuses.at(-1)).toBe(429);
  // Another client, through the same proxy address, is not held back by the first.
  expect(await attempt(`198.51.100.${Math.floor(Math.random() * 250) + 1}`)).toBe(101);
});

test("one goes offline, both keep typing, nothing is lost when the connection returns", async ({ as }) => {
  const claire = await as("claire");
  const id = await new EditorPage(claire).create();
  await typeAtEnd(claire, "Avant la coupure.");
  const marc = await as("editor");
  await marc.goto(`/newsroom/articles/${id}`);
  await expect(body(marc)).toContainText("Avant la coupure.");

  await claire.context().setOffline(true);
  await typeAtEnd(claire, " Écrit dans le train.");
  await expect(new EditorPage(claire).saveStatus).toHaveText("Offline — changes kept on this device", { timeout: 15_000 });
  await typeAtEnd(marc, " Pendant ce temps, au desk.");
  await expect(body(marc)).not.toContainText("Écrit dans le train.");

  await claire.context().setOffline(false);
  for (const page of [claire, marc]) {
    await expect(body(page)).toContainText("Écrit dans le train.", { timeout: 20_000 });
    await expect(body(page)).toContainText("Pendant ce temps, au desk.", { timeout: 20_000 });
  }
  await marc.reload();
  await expect(body(marc)).toContainText("Écrit dans le train.");
});

test("a journalist's live editor becomes read-only when she submits; the desk's edits still reach her", async ({ as }) => {
  const claire = await as("claire");
  const id = await new EditorPage(claire).create();
  await claire.getByLabel("Headline", { exact: true }).fill(`Relecture en direct ${Date.now().toString(36)}`);
  await typeAtEnd(claire, "Le texte soumis.");
  const marc = await as("editor");
  await marc.goto(`/newsroom/articles/${id}`);
  await expect(body(marc)).toContainText("Le texte soumis.");

  await claire.getByRole("button", { name: "Submit for review" }).click();
  await expect(workflow(claire)).toContainText("Status: in review");
  await expect(body(claire)).toHaveAttribute("contenteditable", "false");
  await typeAtEnd(marc, " Relu par le desk.");
  await expect(body(claire)).toContainText("Relu par le desk.");
});
