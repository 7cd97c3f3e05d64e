import type { Browser, Page } from "@playwright/test";

import { PSEUDO_COOKIE } from "../lib/i18n/pseudo";
import { ACCOUNTS, expect, test, TYPICAL, useAccount, type AccountKey } from "./fixtures";

/**
 * No string left behind: every newsroom page, and sign-in and set-password, rendered in the pseudo
 * locale (lib/i18n/pseudo.ts: the English catalogue with accented letters, `Save` → `⟦Šåṽé⟧`; dates
 * and numbers formatted by Intl in English). A visible text, or an aria-label, title, placeholder or alt,
 * that still has a plain ASCII letter once the user content is taken out did not come from the
 * catalogue: the test fails and lists it, page by page, with where it is.
 *
 * User content is told apart without touching the components: the test hook
 * /api/test-hooks/user-strings gives every string people typed into the database (headlines,
 * bodies, names, e-mails, tags, sections, comments, settings), stripped from the page's text
 * before looking; e-mail addresses, web addresses and paths too; and what Intl writes for dates
 * and relative times in English (month and day names with their numbers, `3 days ago`, `yesterday`),
 * generated from Intl itself.
 */

type Where = { name: string; who: AccountKey | null; path: (page: Page) => Promise<string> | string; exclude?: string[] };

const fixed = (path: string) => () => path;
/** An article's editor, opened from the person's dashboard as they do. */
const fromDashboard =
  (headline: string, suffix = "") =>
  async (page: Page) => {
    await page.goto("/newsroom");
    return `${new URL((await page.getByRole("link", { name: headline }).first().getAttribute("href"))!, page.url()).pathname}${suffix}`;
  };
const DRAFT = "Brouillon : enquête sur les failles des objets connectés";

/**
 * Every page of the newsroom, once, as the role that sees the most of it (the dashboard and the
 * profile as each role). One list: a page added to the newsroom is added here.
 */
const PAGES: Where[] = [
  { name: "sign-in", who: null, path: fixed("/login") },
  { name: "set-password", who: null, path: fixed("/set-password?token=not-a-real-token-0000000000000000000000000000") },
  ...(["claire", "editor", "admin"] as const).map((who) => ({ name: `dashboard (${who})`, who, path: fixed("/newsroom") })),
  ...(["claire", "editor", "admin"] as const).map((who) => ({ name: `profile (${who})`, who, path: fixed("/newsroom/profile") })),
  { name: "new article", who: "claire", path: fixed("/newsroom/articles/new") },
  { name: "editor of a draft", who: "claire", path: fromDashboard(DRAFT) },
  { name: "editor of a published article", who: "editor", path: fromDashboard(TYPICAL.headline) },
  { name: "history", who: "editor", path: fromDashboard(TYPICAL.headline, "/history") },
  // The preview shows the public article in its own language (the public dictionary): only its frame is the newsroom's.
  { name: "preview", who: "editor", path: fromDashboard(TYPICAL.headline, "/preview"), exclude: ["article"] },
  { name: "notifications", who: "claire", path: fixed("/newsroom/notifications") },
  { name: "users", who: "admin", path: fixed("/newsroom/users") },
  { name: "settings", who: "admin", path: fixed("/newsroom/settings") },
  { name: "settings: API keys", who: "admin", path: fixed("/newsroom/settings/api") },
  { name: "settings: webhooks", who: "admin", path: fixed("/newsroom/settings/webhooks") },
  { name: "sections", who: "editor", path: fixed("/newsroom/sections") },
  { name: "tags", who: "editor", path: fixed("/newsroom/tags") },
  { name: "activity log", who: "admin", path: fixed("/newsroom/log") },
  { name: "front page", who: "editor", path: fixed("/newsroom/front-page") },
  { name: "403 (a journalist on users)", who: "claire", path: fixed("/newsroom/users") },
  { name: "404 (no such article)", who: "editor", path: fixed("/newsroom/articles/00000000-0000-4000-8000-000000000000") },
];

/**
 * Pages whose own content still has English written in the components while the newsroom moves to
 * the catalogue (their header and navigation are checked all the same; the profile's Preferences
 * section too). The merger empties this list once the editor, workflow and admin pages are merged.
 */
const PENDING = new Set<string>([]);
/**
 * Parts still written in English outside the pending pages, until the branches translating them
 * are merged (the merger empties both lists): elements (selectors) and exact texts.
 */
const PENDING_ELEMENTS: string[] = [];
const PENDING_TEXTS = [
  // The root layout's page-title template (app/layout.tsx: "%s · Newsroom"), on sign-in and set-password.
  " · Newsroom",
];

/** What a pending page is checked on meanwhile: the newsroom header, and the profile's Preferences. */
const PENDING_SCOPE = ["header", 'section[aria-labelledby="preferences-heading"]'];

/** Words that are right in any interface language: each language's own name in the language menus. */
const SAME_IN_EVERY_LANGUAGE = ["Français", "English", "https://"];
/** The letter of a keyboard shortcut (the B of Ctrl+B), the same key in every language. */
const KEY_LETTER = /\+[A-Z0-9](?![\p{L}\p{N}])/gu;
/** Time zones by their IANA names (Europe/Paris), the same in every language. */
const TIME_ZONE = /\b[A-Z][A-Za-z_]+\/[A-Za-z_]+(?:\/[A-Za-z_]+)?\b/g;

type Found = { text: string; where: string };

/** In the browser: every visible text and user-visible attribute under the scopes, with where it is. */
function collect({ scopes, exclude }: { scopes: string[] | null; exclude: string[] }): Found[] {
  const out: Found[] = [];
  // `code`: identifiers a program reads (webhook event names), never words to translate.
  const skip = (el: Element) => el.closest(["script", "style", "noscript", "template", "code", "[contenteditable]", ...exclude].join(",")) !== null;
  const describe = (el: Element) => {
    const bits: string[] = [];
    for (let e: Element | null = el; e && bits.length < 3 && e !== document.body; e = e.parentElement) {
      const label = e.getAttribute("aria-label") || e.id;
      bits.unshift(`${e.tagName.toLowerCase()}${label ? `[${label}]` : ""}`);
    }
    return bits.join(" > ");
  };
  const roots = scopes ? scopes.flatMap((s) => [...document.querySelectorAll(s)]) : [document.body];
  for (const root of roots) {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const el = node.parentElement;
      const text = node.textContent?.trim();
      if (!el || !text || skip(el)) continue;
      // Options of a closed <select> are not "visible", yet they are what the person picks from.
      if (el.tagName !== "OPTION" && !el.checkVisibility({ visibilityProperty: true })) continue;
      out.push({ text, where: describe(el) });
    }
    for (const el of [root, ...root.querySelectorAll("[aria-label],[title],[placeholder],[alt],[aria-description]")]) {
      if (skip(el)) continue;
      for (const attr of ["aria-label", "title", "placeholder", "alt", "aria-description"]) {
        const value = el.getAttribute(attr)?.trim();
        if (value) out.push({ text: value, where: `${describe(el)} @${attr}` });
      }
    }
  }
  if (!scopes && document.title) out.push({ text: document.title, where: "<title>" });
  return out;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const ADDRESSES = /[\w.+-]+@[\w-]+(\.[\w-]+)+|https?:\/\/\S+|(^|\s)\/[\w\-/.?=&%]*/g;

/** Dates and times as Intl writes them in English: runs of month/day names, AM/PM, "at", digits and separators. */
const DATE_NAMES = (() => {
  const names = new Set<string>(["AM", "PM"]);
  for (let m = 0; m < 12; m++)
    for (const month of ["long", "short"] as const)
      names.add(new Intl.DateTimeFormat("en", { month, timeZone: "UTC" }).format(new Date(Date.UTC(2026, m, 15))));
  for (let d = 0; d < 7; d++)
    for (const weekday of ["long", "short"] as const)
      names.add(new Intl.DateTimeFormat("en", { weekday, timeZone: "UTC" }).format(new Date(Date.UTC(2026, 10, 22 + d))));
  return [...names]
    .sort((a, b) => b.length - a.length)
    .map(escape)
    .join("|");
})();
const DATE_RUN = new RegExp(`(?:\\b(?:${DATE_NAMES}|at)\\b\\.?|[\\d\\s,:/\\u202f\\u00a0–-])+`, "g");
const DATE_NAME = new RegExp(`\\b(?:${DATE_NAMES})\\b`);
/** Relative times as Intl writes them in English (`3 days ago`, `in 2 hours`, `yesterday`), numbers as \\d+. */
const RELATIVE = (() => {
  const phrases = new Set<string>();
  const units = ["second", "minute", "hour", "day", "week", "month", "quarter", "year"] as const;
  for (const numeric of ["always", "auto"] as const)
    for (const style of ["long", "short", "narrow"] as const)
      for (const unit of units) for (const n of [-3, -1, 0, 1, 3]) phrases.add(new Intl.RelativeTimeFormat("en", { numeric, style }).format(n, unit));
  const patterns = [...phrases].sort((a, b) => b.length - a.length).map((p) => escape(p).replace(/\d+/g, "\\d+"));
  return new RegExp(`(?<![\\p{L}])(?:${patterns.join("|")})(?![\\p{L}])`, "gu");
})();

/** The part of a text that is neither pseudo-transformed, user content, nor formatted by Intl. */
function untranslated(text: string, userContent: RegExp | null): string | null {
  let rest = PENDING_TEXTS.reduce((t, pending) => t.replaceAll(pending, " "), text);
  rest = rest.replace(ADDRESSES, " ").replace(TIME_ZONE, " ").replace(KEY_LETTER, " ").replace(RELATIVE, " ");
  rest = rest.replace(DATE_RUN, (run) => (DATE_NAME.test(run) ? " " : run));
  if (userContent) rest = rest.replace(userContent, " ");
  for (const word of SAME_IN_EVERY_LANGUAGE) rest = rest.replaceAll(word, " ");
  return /[A-Za-z]/.test(rest) ? rest.replace(/\s+/g, " ").trim() : null;
}

const TIPTAP_NAMES = new Set(
  "doc paragraph text heading bold italic strike link bulletList orderedList listItem blockquote image hardBreak horizontalRule insertion deletion".split(" "),
);

/** One pattern for every user string, longest first, matched as whole words. */
function userContentPattern(strings: string[]): RegExp | null {
  const usable = strings
    .flatMap((s) => [s, ...s.split("\n")])
    .map((s) => s.trim())
    // Tiptap's own names ("paragraph", "bold") are not text anyone sees; slugs ("chine") are.
    .filter((s) => s.length > 1 && !TIPTAP_NAMES.has(s));
  if (usable.length === 0) return null;
  const sorted = [...new Set(usable)].sort((a, b) => b.length - a.length).map(escape);
  return new RegExp(`(?<![\\p{L}\\p{N}])(${sorted.join("|")})(?![\\p{L}\\p{N}])`, "gu");
}

async function pseudoPage(browser: Browser, baseURL: string, who: AccountKey | null): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  if (who) await useAccount(page, who);
  await context.addCookies([{ name: PSEUDO_COOKIE, value: "1", url: baseURL }]);
  return page;
}

let userContent: RegExp | null = null;

test.describe("no string left behind (pseudo locale)", () => {
  test.beforeAll(async ({ browser, baseURL }) => {
    const page = await pseudoPage(browser, baseURL!, "admin");
    const answer = await page.request.get("/api/test-hooks/user-strings");
    expect(answer.ok()).toBe(true);
    userContent = userContentPattern(((await answer.json()) as { strings: string[] }).strings);
    await page.context().close();
  });

  test("the check itself: English is caught; pseudo text, user content, Intl dates and addresses are not", async ({ browser, baseURL }) => {
    const page = await pseudoPage(browser, baseURL!, "claire");
    await page.goto("/newsroom");
    // The pseudo locale is on: the header's navigation reads from the catalogue, transformed.
    await expect(page.getByRole("navigation", { name: "⟦Ñéŵšŕööɱ⟧" }).getByRole("link", { name: "⟦Ðåšĥƀöåŕð⟧" })).toBeVisible();
    const date = new Intl.DateTimeFormat("en", { dateStyle: "long", timeStyle: "short" }).format(new Date(2026, 10, 29, 9, 5));
    const samples = [
      `⟦Šåṽéð⟧ ${date}`,
      "Save changes",
      `⟦Šîĝñéð îñ åš⟧ ${ACCOUNTS.claire.name}`,
      "claire@newsroom.test",
      "https://example.org/a?b=1",
      `${TYPICAL.headline} · 3 days ago`,
      "Wed, Nov 25 · yesterday",
      "Published at 10:30",
    ];
    expect(samples.map((s) => untranslated(s, userContent))).toEqual([null, "Save changes", null, null, null, null, null, "Published at 10:30"]);
    await page.context().close();
  });

  for (const where of PAGES) {
    test(`${where.name}`, async ({ browser, baseURL }) => {
      const pending = PENDING.has(where.name);
      const page = await pseudoPage(browser, baseURL!, where.who);
      const path = await where.path(page);
      await page.goto(path);
      await page.waitForLoadState("networkidle");
      const found = await page.evaluate(collect, { scopes: pending ? PENDING_SCOPE : null, exclude: [...PENDING_ELEMENTS, ...(where.exclude ?? [])] });
      expect(found.length, "the page shows something").toBeGreaterThan(0);
      const leaks = found.flatMap((f) => {
        const rest = untranslated(f.text, userContent);
        return rest ? [`${f.where}: “${f.text}”${rest !== f.text ? ` (untranslated: “${rest}”)` : ""}`] : [];
      });
      expect(
        leaks,
        `${where.name} (${path}${pending ? ", pending: header and Preferences only" : ""}) shows text not from the catalogue:\n${leaks.join("\n")}`,
      ).toEqual([]);
      await page.context().close();
    });
  }
});
