/**
 * Editor latency on a 10,000-word article, created through the UI: a new draft, a headline, and
 * the body pasted in (a real paste event, handled by ProseMirror like a user's). Then typing in
 * bursts with an in-page probe: keydown → the next mutation of the ProseMirror DOM, and → the
 * next animation frame after it. Autosave round trips are timed from the server-action request.
 */
import type { Browser, Request } from "@playwright/test";

import { percentile, signedIn } from "./browser";

const VOCAB = (
  "la cyberattaque contre les hôpitaux français a été attribuée par l’ANSSI à un groupe lié à Pékin qui dément " +
  "toute implication et parle de calomnies tandis que les services continuent de fonctionner en mode dégradé"
).split(" ");

export function longBodyHtml(words: number, perParagraph = 100): string {
  const paragraphs: string[] = [];
  for (let w = 0, p = 0; w < words; p++) {
    const n = Math.min(perParagraph, words - w);
    const text = Array.from({ length: n }, (_, k) => VOCAB[(w + k + p) % VOCAB.length]).join(" ");
    paragraphs.push(`<p>${text}.</p>`);
    w += n;
  }
  return paragraphs.join("");
}

export type EditorResult = {
  words: number;
  keystrokes: number;
  domP50Ms: number;
  domP95Ms: number;
  frameP50Ms: number;
  frameP95Ms: number;
  autosaves: number;
  autosaveP50Ms: number;
  autosaveP95Ms: number;
  autosaveBodyKb: number;
  otherActions: number;
  otherActionP50Ms: number;
};

export async function benchEditor(browser: Browser, origin: string, o: { words: number; bursts: number; perBurst: number }): Promise<EditorResult> {
  const page = await signedIn(browser, origin, "editor");
  const saves: number[] = [];
  const otherActions: number[] = [];
  let bodyBytes = 0;
  let counting = false;
  page.on("requestfinished", (req: Request) => {
    if (req.method() !== "POST" || !req.headers()["next-action"]) return;
    const data = req.postData() ?? "";
    const t = req.timing();
    // Presence heartbeats are server actions too: a small same-run reference for the save's cost.
    if (!data.includes("expectedVersion")) return void (counting && t.responseEnd > 0 && otherActions.push(t.responseEnd));
    if (counting && t.responseEnd > 0) saves.push(t.responseEnd);
    bodyBytes = Math.max(bodyBytes, data.length);
  });
  await page.goto("/newsroom/articles/new");
  await page.waitForURL(/\/newsroom\/articles\/[0-9a-f-]{36}$/);
  const body = page.getByRole("textbox", { name: "Body", exact: true });
  const status = page.getByTestId("save-status");
  await page.getByLabel("Headline", { exact: true }).fill("Bench : un article de dix mille mots");
  await body.click();
  await page.evaluate((html) => {
    const el = document.getElementById("article-body")!;
    const data = new DataTransfer();
    data.setData("text/html", html);
    data.setData("text/plain", html.replace(/<[^>]+>/g, "\n"));
    el.dispatchEvent(new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true }));
  }, longBodyHtml(o.words));
  await status.filter({ hasText: /^Saved at/ }).waitFor({ timeout: 60_000 });
  // Block by block from the text itself: innerText leaves out the blocks off screen (they are not
  // laid out, content-visibility: auto), and textContent alone runs one block's last word into the next's first.
  const words = await page.evaluate(
    () =>
      [...(document.getElementById("article-body")?.children ?? [])]
        .map((b) => b.textContent ?? "")
        .join(" ")
        .match(/\S+/g)?.length ?? 0,
  );
  if (words < o.words * 0.95) throw new Error(`the pasted body has ${words} words, expected ${o.words}`);

  // The probe is installed after the editor, so its observer runs after ProseMirror's own.
  await page.evaluate(() => {
    const root = document.getElementById("article-body")!;
    const w = window as unknown as { __bench: { dom: number[]; frame: number[] } };
    w.__bench = { dom: [], frame: [] };
    let start: number | null = null;
    window.addEventListener("keydown", (e) => (start = e.timeStamp), { capture: true });
    new MutationObserver(() => {
      if (start === null) return;
      const t0 = start;
      start = null;
      w.__bench.dom.push(performance.now() - t0);
      requestAnimationFrame(() => w.__bench.frame.push(performance.now() - t0));
    }).observe(root, { subtree: true, childList: true, characterData: true, attributes: true });
  });
  await body.click();
  await page.keyboard.press("ControlOrMeta+End");
  counting = true;
  const text = "et la suite ";
  for (let b = 0; b < o.bursts; b++) {
    for (let k = 0; k < o.perBurst; k++) {
      await page.keyboard.type(text[(b + k) % text.length], { delay: 0 });
      await page.waitForTimeout(40);
    }
    // Autosave fires 1 s after typing stops.
    await status.filter({ hasText: /^Saved at/ }).waitFor({ timeout: 20_000 });
    await page.waitForTimeout(100);
  }
  counting = false;
  const probe = await page.evaluate(() => (window as unknown as { __bench: { dom: number[]; frame: number[] } }).__bench);
  await page.context().close();
  return {
    words,
    keystrokes: probe.dom.length,
    domP50Ms: percentile(probe.dom, 50),
    domP95Ms: percentile(probe.dom, 95),
    frameP50Ms: percentile(probe.frame, 50),
    frameP95Ms: percentile(probe.frame, 95),
    autosaves: saves.length,
    autosaveP50Ms: percentile(saves, 50),
    autosaveP95Ms: percentile(saves, 95),
    autosaveBodyKb: bodyBytes / 1024,
    otherActions: otherActions.length,
    otherActionP50Ms: percentile(otherActions, 50),
  };
}
