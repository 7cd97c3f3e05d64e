import type { APIRequestContext, Browser, Page } from "@playwright/test";

import { findInjected } from "./corpus/dom-check";
import { XSS_PAYLOADS } from "./corpus/xss-payloads";
import { expect, test, useAccount, type AccountKey } from "./fixtures";

/**
 * Stored XSS. The server writes the corpus (e2e/corpus/xss-payloads.ts) into
 * every user-controlled field through the domain functions (testing/hooks/xss-corpus.ts), then
 * every page that shows those fields is loaded in Chromium. Each page must produce 0 dialogs,
 * 0 calls of the sentinel __xss(), 0 requests to /__xss_hit and 0 injected elements/attributes.
 */
type Seo = {
  seoTitle?: string;
  metaDescription?: string;
  socialTitle?: string;
  socialDescription?: string;
  socialImage?: { src: string; alt: string };
  canonicalUrl?: string;
};
type Report = {
  fields: Record<string, { sent: number; stored: number; refused: number; notes: string[] }>;
  articles: { id: string; slug: string; status: string; headline: string; seo?: Seo | null }[];
  authorSlugs: string[];
  tagSlugs: string[];
  login: { email: string; password: string };
};

let report: Report;
const tally = { pages: 0, dialogs: 0, executions: 0, hits: 0, injected: [] as string[] };

test.describe.configure({ mode: "serial" });

test.beforeAll(async ({ request }) => {
  test.setTimeout(240_000);
  const r = await request.post("/api/test-hooks/xss-corpus", { data: { action: "seed" }, timeout: 230_000 });
  expect(r.ok(), await r.text()).toBe(true);
  report = await r.json();
});

test.afterAll(async ({ request }) => {
  console.log(`stored XSS: ${XSS_PAYLOADS.length} payloads; fields:`);
  for (const [f, t] of Object.entries(report?.fields ?? {})) console.log(`  ${f.padEnd(30)} sent ${t.sent}  stored ${t.stored}  refused ${t.refused}`);
  console.log(
    `pages loaded ${tally.pages}; dialogs ${tally.dialogs}; script executions ${tally.executions}; marker requests ${tally.hits}; injected ${tally.injected.length}`,
  );
  if (report) await request.post("/api/test-hooks/xss-corpus", { data: { action: "retire", ids: report.articles.map((a) => a.id) } });
});

/** A page armed with the sentinel, the dialog counter and the marker-request watch. */
async function armed(page: Page) {
  const seen = { dialogs: 0, hits: 0 };
  await page.addInitScript(`window.__xssCount = 0; window.__xss = function () { window.__xssCount++; }; window.__findInjected = ${findInjected.toString()};`);
  page.on("dialog", (d) => {
    seen.dialogs++;
    void d.dismiss().catch(() => {});
  });
  await page.route("**/__xss_hit**", (route) => {
    seen.hits++;
    return route.fulfill({ status: 204, body: "" });
  });
  return seen;
}

async function inspect(page: Page, seen: { dialogs: number; hits: number }, url: string) {
  const before = { ...seen };
  const response = await page.goto(url, { waitUntil: "load" });
  expect(response?.status() ?? 0, url).toBeLessThan(500);
  // Handlers such as onerror/onfocus fire right after load; give them a moment.
  await page.waitForTimeout(50);
  const { count, injected } = await page.evaluate(() => {
    const w = window as unknown as { __xssCount: number; __findInjected: (d: Document) => string[] };
    return { count: w.__xssCount, injected: w.__findInjected(document) };
  });
  tally.pages++;
  tally.executions += count;
  tally.dialogs += seen.dialogs - before.dialogs;
  tally.hits += seen.hits - before.hits;
  tally.injected.push(...injected.map((i) => `${url}: ${i}`));
  expect.soft(injected, url).toEqual([]);
  expect.soft(count, `${url}: __xss() ran`).toBe(0);
  expect.soft(seen.dialogs - before.dialogs, `${url}: dialogs`).toBe(0);
  expect.soft(seen.hits - before.hits, `${url}: marker requests`).toBe(0);
}

async function inspectAll(page: Page, urls: string[]) {
  const seen = await armed(page);
  for (const url of urls) await inspect(page, seen, url);
}

async function asUser(browser: Browser, who: AccountKey | "xss") {
  const context = await browser.newContext();
  const page = await context.newPage();
  if (who === "xss") {
    await page.goto("/login");
    await page.getByLabel("Email").fill(report.login.email);
    await page.getByLabel("Password").fill(report.login.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL((u) => !u.pathname.startsWith("/login"));
  } else await useAccount(page, who);
  return { page, close: () => context.close() };
}

test("every payload reached every field (stored or refused by validation)", () => {
  expect(XSS_PAYLOADS.length).toBeGreaterThanOrEqual(100);
  for (const f of [
    "headline",
    "dek",
    "key points",
    "body text",
    "tags",
    "featured image alt",
    "featured image caption",
    "comments",
    "correction notes",
    "user name",
    "profile display name",
    "profile bio",
    "SEO title",
    "meta description",
    "social title",
    "social description",
    "social image alt",
    "canonical URL",
  ]) {
    expect(report.fields[f]?.sent, f).toBe(XSS_PAYLOADS.length);
  }
  expect(report.fields["body crafted JSON"].sent).toBeGreaterThan(30);
});

test("public pages: articles (with JSON-LD and meta tags), lists, author pages, search", async ({ page }) => {
  // Over a hundred pages: about 2 s each on a loaded two-core machine.
  test.setTimeout(420_000);
  const published = report.articles.filter((a) => a.status === "published");
  expect(published.length).toBeGreaterThan(10);
  const urls = [
    "/",
    ...published.map((a) => `/articles/${a.slug}`),
    // Tag names are also on every article page; their own pages share one template.
    ...report.tagSlugs.filter((_, i) => i % 10 === 0).map((t) => `/tags/${t}`),
    ...report.authorSlugs.map((s) => `/authors/${s}`),
    "/search?q=script",
    "/search?q=xssm",
    "/search?q=img+onerror",
    ...XSS_PAYLOADS.filter((_, i) => i % 20 === 0).map((p) => `/search?q=${encodeURIComponent(p)}`),
  ];
  await inspectAll(page, urls);
  // JSON-LD and meta tags hold the headline as data: parsed back, it is the text that was typed.
  const a = published[0];
  await page.goto(`/articles/${a.slug}`);
  const ld = JSON.parse((await page.locator('script[type="application/ld+json"]').first().textContent()) ?? "{}");
  // The corpus fills the search and social fields too: they take over from the headline (checked field by field below).
  const title = a.seo?.seoTitle || a.headline;
  expect(ld.headline).toBe(title);
  await expect(page.locator('meta[property="og:title"]')).toHaveAttribute("content", a.seo?.socialTitle || a.headline);
  await expect(page).toHaveTitle(new RegExp(title.slice(0, 20).replace(/[.*+?^${}()|[\]\\]/g, "\\$&")));
});

/** The page's JSON-LD, parsed back: the search fields are data there, exactly as typed. */
async function jsonLdOf(page: Page) {
  return JSON.parse((await page.locator('script[type="application/ld+json"]').first().textContent()) ?? "{}") as Record<string, unknown>;
}

async function expectSeoJsonLd(page: Page, seo: Seo, where: string) {
  const ld = await jsonLdOf(page);
  expect(ld.headline, `${where}: JSON-LD headline`).toBe(seo.seoTitle);
  expect(ld.description, `${where}: JSON-LD description`).toBe(seo.metaDescription);
  // Percent-encoded as typed (lib/seo/encoded-url.ts): the same address once parsed.
  if (seo.canonicalUrl) expect(ld.isBasedOn, `${where}: JSON-LD isBasedOn`).toBe(new URL(seo.canonicalUrl).href);
}

// document.title strips and collapses ASCII white space (HTML "strip and collapse").
const spaces = (s: string | null | undefined) => (s ?? "").replace(/[\t\n\f\r ]+/g, " ").replace(/^ | $/g, "");

test("search and social fields: meta tags and JSON-LD carry the corpus as text on the public page, the preview and the shared preview", async ({
  browser,
  page,
  request,
}) => {
  test.setTimeout(180_000);
  const withSeo = report.articles.filter((a) => a.seo?.seoTitle && a.seo.metaDescription && a.seo.socialTitle);
  const published = withSeo.filter((a) => a.status === "published");
  const sample = [...published.filter((a) => a.seo?.canonicalUrl).slice(0, 2), ...published.filter((a) => !a.seo?.canonicalUrl).slice(0, 1)];
  expect(sample.length).toBe(3);
  const seen = await armed(page);
  for (const a of sample) {
    const seo = a.seo!;
    const url = `/articles/${a.slug}`;
    await inspect(page, seen, url);
    // <title> is text (the browser folds its white space); the others are attributes, kept as typed.
    expect(spaces(await page.title()), `${url}: title`).toBe(spaces(`${seo.seoTitle} · Newsroom`));
    const meta = (sel: string) => page.locator(sel).first().getAttribute("content");
    expect(await meta('meta[name="description"]'), `${url}: description`).toBe(seo.metaDescription);
    expect(await meta('meta[property="og:title"]'), `${url}: og:title`).toBe(seo.socialTitle);
    expect(await meta('meta[property="og:description"]'), `${url}: og:description`).toBe(seo.socialDescription);
    expect(await meta('meta[name="twitter:title"]'), `${url}: twitter:title`).toBe(seo.socialTitle);
    expect(await meta('meta[name="twitter:description"]'), `${url}: twitter:description`).toBe(seo.socialDescription);
    expect(await meta('meta[property="og:image:alt"]'), `${url}: og:image:alt`).toBe(seo.socialImage?.alt);
    const canonical = await page.locator('link[rel="canonical"]').getAttribute("href");
    if (seo.canonicalUrl) expect(new URL(canonical ?? "").href, `${url}: canonical`).toBe(new URL(seo.canonicalUrl).href);
    await expectSeoJsonLd(page, seo, url);
  }

  // The newsroom preview and a shared preview of the same articles (and of one still in the newsroom).
  const inNewsroom = withSeo.find((a) => a.status !== "published");
  const previewed = inNewsroom ? [...sample, inNewsroom] : sample;
  const admin = await asUser(browser, "admin");
  const adminSeen = await armed(admin.page);
  const reader = await (await browser.newContext()).newPage();
  const readerSeen = await armed(reader);
  for (const a of previewed) {
    const own = `/newsroom/articles/${a.id}/preview`;
    await inspect(admin.page, adminSeen, own);
    await expectSeoJsonLd(admin.page, a.seo!, own);
    const link = await request.post("/api/test-hooks/previews", { data: { articleId: a.id, kind: "open" } });
    expect(link.ok(), await link.text()).toBe(true);
    const shared = `/preview/${((await link.json()) as { token: string }).token}`;
    await inspect(reader, readerSeen, shared);
    expect((await reader.goto(shared))?.status(), shared).toBe(200);
    await expectSeoJsonLd(reader, a.seo!, `shared preview of ${a.slug}`);
  }
  await admin.close();
  await reader.context().close();
});

async function xmlProblems(request: APIRequestContext, page: Page, url: string): Promise<string[]> {
  const r = await request.get(url);
  expect(r.status(), url).toBe(200);
  expect(r.headers()["content-type"], url).toMatch(/xml/);
  expect(r.headers()["x-content-type-options"], url).toBe("nosniff");
  const xml = await r.text();
  return page.evaluate((text) => {
    const doc = new DOMParser().parseFromString(text, "application/xml");
    const err = doc.querySelector("parsererror");
    const w = window as unknown as { __findInjected: (d: Document) => string[] };
    // Only elements in the XHTML or SVG namespaces could ever run anything.
    const foreign = Array.from(doc.querySelectorAll("*"))
      .filter((e) => /xhtml|svg/.test(e.namespaceURI ?? ""))
      .map((e) => e.tagName);
    return [
      ...(err ? [`parse error: ${err.textContent?.slice(0, 100)}`] : []),
      ...foreign.map((t) => `html element ${t}`),
      ...w.__findInjected(doc).filter((x) => !x.startsWith("forbidden element <link")),
    ];
  }, xml);
}

test("feeds and sitemaps: well-formed XML, no markup from the corpus", async ({ page, request }) => {
  await armed(page);
  await page.goto("/robots.txt");
  const urls = [
    "/feed.xml",
    "/sitemap.xml",
    "/sitemaps/pages.xml",
    "/sitemaps/articles-1.xml",
    "/news-sitemap.xml",
    ...report.tagSlugs.slice(0, 10).map((t) => `/tags/${t}/feed.xml`),
    ...report.authorSlugs.slice(0, 10).map((s) => `/authors/${s}/feed.xml`),
  ];
  let feeds = 0;
  for (const url of urls) {
    // A tag or author whose corpus articles are all still in the newsroom has no feed.
    if (url.includes("/tags/") || url.includes("/authors/")) {
      if ((await request.get(url)).status() === 404) continue;
      feeds++;
    }
    const problems = await xmlProblems(request, page, url);
    tally.pages++;
    tally.injected.push(...problems.map((p) => `${url}: ${p}`));
    expect.soft(problems, url).toEqual([]);
  }
  expect(feeds).toBeGreaterThanOrEqual(8);
  // And opened as a page, a feed runs nothing either.
  const seen = await armed(page);
  await inspect(page, seen, "/feed.xml");
});

test("newsroom pages: dashboard, editor, history, users, log, notifications, profile", async ({ browser }) => {
  test.setTimeout(180_000);
  const first = report.articles[0];
  const sample = [first, ...report.articles.filter((a, i) => i > 0 && i % 6 === 0), report.articles.find((a) => a.status !== "published")!];
  const admin = await asUser(browser, "admin");
  await inspectAll(admin.page, [
    "/newsroom",
    "/newsroom/users",
    "/newsroom/log",
    "/newsroom/notifications",
    ...sample.map((a) => `/newsroom/articles/${a.id}`),
    `/newsroom/articles/${first.id}/history`,
    `/newsroom/articles/${first.id}/history?error=${encodeURIComponent(XSS_PAYLOADS[0])}`,
  ]);
  await admin.close();
  const editor = await asUser(browser, "editor");
  await inspectAll(editor.page, ["/newsroom", "/newsroom/notifications"]);
  await editor.close();
  const author = await asUser(browser, "xss");
  await inspectAll(author.page, ["/newsroom", "/newsroom/notifications", "/newsroom/profile", `/newsroom/articles/${first.id}`]);
  await author.close();
});

test("totals: nothing let through", () => {
  expect(tally.injected).toEqual([]);
  expect(tally.dialogs + tally.executions + tally.hits).toBe(0);
  expect(tally.pages).toBeGreaterThan(100);
});
