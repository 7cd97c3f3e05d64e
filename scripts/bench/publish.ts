/**
 * Publish-to-visible: an editor publishes an update of a published article (a new dek, written by
 * a second editor, the admin, so the two-person rule lets the first publish it, and a correction
 * note) from the editor's workflow sidebar; once the action has answered ("The
 * update is published."), the public page is polled with fetch until it shows the new dek. The
 * page has a reader before the first publication (one fetch): publish-to-visible is how long the
 * people reading a page wait for its change, and a page nobody has asked for since the server
 * started is rendered by its first reader whatever changed (the uncached renders measure that).
 */
import type { Browser } from "@playwright/test";

import { percentile, signedIn } from "./browser";

// Seeded demo article (lib/demo/content.ts), by Yanis: the editor may publish it (two-person rule).
const PUBLISHED = "Les prix de l’électricité reculent pour le troisième mois consécutif";

export type PublishResult = { runs: number; actionMs: number[]; visibleMs: number[]; p50Ms: number; maxMs: number; actionP50Ms: number };

export async function benchPublish(browser: Browser, origin: string, runs: number): Promise<PublishResult> {
  const writer = await signedIn(browser, origin, "admin");
  const editor = await signedIn(browser, origin, "editor");
  await editor.goto("/newsroom");
  await editor.getByRole("link", { name: PUBLISHED }).first().click();
  await editor.waitForURL(/\/newsroom\/articles\/[0-9a-f-]{36}$/);
  await writer.goto(editor.url());
  const slug = await editor.getByLabel("Slug", { exact: true }).inputValue();
  const publicUrl = `${origin}/articles/${slug}`;
  const sidebar = editor.getByRole("complementary", { name: "Workflow" });
  const status = writer.getByTestId("save-status");
  const actionMs: number[] = [];
  const visibleMs: number[] = [];
  const tag = Date.now().toString(36);
  await (await fetch(publicUrl)).text();
  for (let i = 1; i <= runs; i++) {
    const marker = `Bench ${tag} update ${i}`;
    // After each publication the writer starts from the published version, as a colleague would.
    await writer.reload();
    await writer.getByLabel("Dek", { exact: true }).fill(`${marker}: les prix baissent encore.`);
    await status.filter({ hasText: /^Saved at/ }).waitFor({ timeout: 20_000 });
    // The sidebar offers "Publish" for an update once the page knows about the unpublished changes.
    await editor.reload();
    await sidebar.filter({ hasText: "with unpublished changes" }).waitFor();
    await editor
      .getByTestId("save-status")
      .filter({ hasText: /^(No unsaved changes|Saved at)/ })
      .waitFor();
    // The editor's live document is open (its status line says so) before the click: what is timed
    // is the publication, not the page's start after the reload.
    await editor
      .getByTestId("save-status")
      .filter({ hasText: /^(No unsaved changes|Saved at)/ })
      .waitFor();
    await editor.getByLabel("Correction note (optional)").fill(`Correction ${i} (bench).`);
    const clicked = performance.now();
    await editor.getByRole("button", { name: "Publish", exact: true }).click();
    await sidebar.getByRole("status").filter({ hasText: "The update is published." }).waitFor();
    const answered = performance.now();
    actionMs.push(answered - clicked);
    for (;;) {
      const html = await (await fetch(publicUrl, { cache: "no-store" })).text();
      if (html.includes(marker)) break;
      if (performance.now() - answered > 30_000) throw new Error(`publish ${i}: the public page did not show the update within 30 s`);
      await new Promise((r) => setTimeout(r, 20));
    }
    visibleMs.push(performance.now() - answered);
  }
  await editor.context().close();
  await writer.context().close();
  return { runs, actionMs, visibleMs, p50Ms: percentile(visibleMs, 50), maxMs: Math.max(...visibleMs), actionP50Ms: percentile(actionMs, 50) };
}
