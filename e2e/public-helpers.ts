import AxeBuilder from "@axe-core/playwright";
import { expect, type APIRequestContext, type Page } from "@playwright/test";

import { DEMO_ARTICLES } from "../lib/demo/content";
import { slugify } from "../lib/slug";

export const slugOf = (key: string) => slugify(DEMO_ARTICLES.find((a) => a.key === key)!.headline);
export const headlineOf = (key: string) => DEMO_ARTICLES.find((a) => a.key === key)!.headline;
export const SEEDED_PUBLISHED = ["typical", "energy", "english"].map(slugOf);
/** Seeded articles a reader must never see, whatever their state. */
export const NOT_PUBLIC = ["draft", "review", "changes", "approved", "unpublished"] as const;

/** Test-only state changes through the articles test hook (testing/hooks/articles.ts) (the server owns the PGlite folder). */
export async function hook(request: APIRequestContext, action: string, slug: string, value?: string, extra: { state?: string; tags?: string[] } = {}) {
  const response = await request.post("/api/test-hooks/articles", { data: { action, slug, value, ...extra } });
  expect(response.ok(), await response.text()).toBe(true);
  return response.json();
}

/** Serious and critical axe violations, as readable strings. */
export async function axeViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]).analyze();
  return results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

/** Parses XML with the browser's own parser and returns the texts at `selector`, or throws on a parse error. */
export async function xmlTexts(page: Page, xml: string, selector: string): Promise<string[]> {
  return page.evaluate(
    ({ xml, selector }) => {
      const doc = new DOMParser().parseFromString(xml, "application/xml");
      const error = doc.getElementsByTagName("parsererror")[0];
      if (error) throw new Error(`XML parse error: ${error.textContent}`);
      return Array.from(doc.getElementsByTagName(selector)).map((n) => n.textContent ?? "");
    },
    { xml, selector },
  );
}

/** Every URL of the sitemap: /sitemap.xml is an index, each of its files is read in turn. */
export async function sitemapLocs(page: Page, request: APIRequestContext): Promise<string[]> {
  const files = await xmlTexts(page, await (await request.get("/sitemap.xml")).text(), "loc");
  const locs: string[] = [];
  for (const file of files) locs.push(...(await xmlTexts(page, await (await request.get(new URL(file).pathname)).text(), "loc")));
  return locs;
}

export const articlePath = (url: string) => new URL(url).pathname.replace(/^\/articles\//, "");
