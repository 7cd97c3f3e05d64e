import { eq, inArray } from "drizzle-orm";
import { Window } from "happy-dom";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { articleRevisions, articles } from "@/db/schema";
import { findInjected } from "@/e2e/corpus/dom-check";
import { craftedBodies, XSS_PAYLOADS } from "@/e2e/corpus/xss-payloads";
import { seedDemo } from "@/lib/demo/seed";
import { renderBodyHtml } from "@/lib/rich-text/body";
import { serializeJsonLd } from "@/lib/seo/json-ld";
import { createTestDb, type TestDb } from "@/testing/db";

import { seedXssCorpus, type XssSeedReport } from "./xss-seed";

/**
 * The stored-XSS corpus goes through the real domain functions (the e2e spec then loads every
 * page in Chromium). Here: every payload reached every field (stored or refused, never lost),
 * and the server's own HTML for the bodies carries no executable markup.
 */
let t: TestDb;
let report: XssSeedReport;
beforeAll(async () => {
  process.env.UPLOADS_DIR ??= `.tmp/uploads-xss-${process.pid}`;
  t = await createTestDb();
  await seedDemo(t.db);
  report = await seedXssCorpus(t.db, XSS_PAYLOADS, craftedBodies);
}, 240_000);
afterAll(async () => t?.drop());

/** The server's HTML parsed as a browser would, then searched for anything a payload could have added. */
function injectedIn(html: string): string[] {
  const window = new Window();
  window.document.body.innerHTML = html;
  const found = findInjected(window.document.body as unknown as Parameters<typeof findInjected>[0]);
  const tags = new Set(Array.from(window.document.body.querySelectorAll("*")).map((e) => e.tagName.toLowerCase()));
  for (const t of tags) if (!ALLOWED_TAGS.has(t)) found.push(`unexpected element <${t}>`);
  window.close();
  return found;
}
// Everything the body schema can produce; anything else came from a payload.
const ALLOWED_TAGS = new Set([
  "p",
  "h2",
  "h3",
  "h4",
  "strong",
  "em",
  "s",
  "u",
  "a",
  "ul",
  "ol",
  "li",
  "blockquote",
  "code",
  "pre",
  "br",
  "hr",
  "figure",
  "img",
  "figcaption",
  "span",
  "h1",
  "h5",
  "h6",
]);

describe("stored XSS corpus through the domain functions", () => {
  it("has at least 100 payloads and every field received every payload", () => {
    expect(XSS_PAYLOADS.length).toBeGreaterThanOrEqual(100);
    const table = Object.entries(report.fields).map(([field, f]) => `${field.padEnd(30)} sent ${f.sent} stored ${f.stored} refused ${f.refused}`);
    console.log(table.join("\n"));
    expect(findInjected({ querySelectorAll: () => [] })).toEqual([]);
    for (const field of [
      "headline",
      "dek",
      "key points",
      "body text",
      "tags",
      "featured image alt",
      "featured image caption",
      "comments",
      "correction notes",
      "version notes",
      "user name",
      "profile display name",
      "profile job title",
      "profile bio",
      "profile location",
      "profile link url",
      "SEO title",
      "meta description",
      "social title",
      "social description",
      "social image alt",
      "canonical URL",
    ]) {
      expect(report.fields[field]?.sent, field).toBe(XSS_PAYLOADS.length);
    }
    expect(report.fields["body crafted JSON"].sent).toBe(craftedBodies("/uploads/x.webp").length);
    // Links must be web addresses: every payload URL that is not http(s) is refused.
    expect(report.fields["profile link url"].stored).toBeLessThanOrEqual(3);
    // The search and social texts are plain text: all stored (escaped where shown). A canonical URL must be http(s).
    for (const f of ["SEO title", "meta description", "social title", "social description", "social image alt"]) expect(report.fields[f].refused, f).toBe(0);
    expect(report.fields["canonical URL"].stored).toBeLessThanOrEqual(3);
    const canonicals = report.articles.map((a) => a.seo?.canonicalUrl).filter(Boolean);
    expect(canonicals.length).toBeGreaterThan(0);
    for (const c of canonicals) expect(c).toMatch(/^https:\/\/example\.org\//);
  });

  it("refuses every crafted body that carries a script, an event handler or a dangerous address", () => {
    const stored = report.fields["body crafted JSON"].notes;
    // Accepted ones are those whose extra attributes the schema simply drops (the render test checks the result).
    for (const n of stored) expect(n, n).not.toMatch(/javascript|JAVASCRIPT|vbscript|data:|unknown node|unknown mark|heading level|non-doc root|src "x/);
  });

  it("renders every stored body (working copy and published revisions) without executable markup", async () => {
    const ids = report.articles.map((a) => a.id);
    const rows = await t.db.select({ body: articles.body }).from(articles).where(inArray(articles.id, ids));
    const revs = await t.db.select({ body: articleRevisions.body }).from(articleRevisions).where(inArray(articleRevisions.articleId, ids));
    expect(rows.length).toBe(ids.length);
    for (const { body } of [...rows, ...revs]) {
      expect(injectedIn(renderBodyHtml(body))).toEqual([]);
    }
  });

  it("serialises JSON-LD for the corpus headlines without a way out of the script element", async () => {
    const [a] = await t.db.select().from(articles).where(eq(articles.id, report.articles[0].id));
    const json = serializeJsonLd({ headline: a.headline, description: a.dek, all: XSS_PAYLOADS });
    expect(json).not.toMatch(/<\/?script|<!--|-->/i);
    expect(JSON.parse(json).all).toEqual(XSS_PAYLOADS);
  });
});
