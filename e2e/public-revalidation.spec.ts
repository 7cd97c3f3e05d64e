import { expect, test, TYPICAL } from "./fixtures";
import { articlePath, hook, sitemapLocs, xmlTexts } from "./public-helpers";

test.describe.configure({ mode: "serial" });

// An approved article of this spec's own (seeded ones keep their states for other specs),
// tagged #RevalidationTest, in Économie, by the editor (Marc Dubois).
const slug = "le-tramway-de-lyon-double-sa-frequence";
const headline = "Le tramway de Lyon double sa fréquence";

test.beforeAll(async ({ request }) => {
  await hook(request, "create", slug, headline, { state: "approved", tags: ["#RevalidationTest"] });
});

async function feedSlugs(page: import("@playwright/test").Page) {
  const xml = await (await page.request.get("/feed.xml")).text();
  return (await xmlTexts(page, xml, "link")).slice(1).map(articlePath);
}

test("after a publication the article, front page, tag page, section, feed and search show it on the next request", async ({ page, request }) => {
  // Warm every cache first, so the test proves they are expired rather than never filled.
  expect((await page.goto(`/articles/${slug}`))?.status()).toBe(404);
  expect((await page.goto("/tags/revalidation-test"))?.status()).toBe(404);
  await page.goto("/");
  await expect(page.getByRole("link", { name: headline })).toHaveCount(0);
  await page.goto("/sections/economie");
  await expect(page.getByRole("link", { name: headline })).toHaveCount(0);
  expect(await feedSlugs(page)).not.toContain(slug);
  // Whole pages are now served from memory (server/serve.mjs, server/page-cache).
  expect((await page.goto("/"))?.headers()["x-newsroom-cache"]).toBe("hit");
  expect((await page.goto("/sections/economie"))?.headers()["x-newsroom-cache"]).toBe("hit");
  // A feed reader polling with the tag it holds is told nothing changed, without the feed.
  const held = (await request.get("/feed.xml")).headers()["etag"];
  expect(held).toBeTruthy();
  const unchanged = await request.get("/feed.xml", { headers: { "if-none-match": held } });
  expect(unchanged.status()).toBe(304);
  expect(await unchanged.body()).toHaveLength(0);

  await hook(request, "publish", slug);
  // The publication changed the feed: the same poll now gets it, with the new article.
  const poll = await request.get("/feed.xml", { headers: { "if-none-match": held } });
  expect(poll.status()).toBe(200);
  expect(await poll.text()).toContain(slug);

  expect((await page.goto(`/articles/${slug}`))?.status()).toBe(200);
  await expect(page.getByRole("heading", { level: 1, name: headline })).toBeVisible();
  await page.goto("/");
  await expect(page.getByRole("link", { name: headline }).first()).toBeVisible();
  expect((await page.goto("/tags/revalidation-test"))?.status()).toBe(200);
  await expect(page.getByRole("link", { name: headline })).toBeVisible();
  await page.goto("/sections/economie");
  await expect(page.getByRole("link", { name: headline })).toBeVisible();
  expect(await feedSlugs(page)).toContain(slug);
  await page.goto("/search?q=tramway");
  await expect(page.getByRole("link", { name: headline })).toBeVisible();
});

test("after an unpublication nothing of it is served any more", async ({ page, request }) => {
  await hook(request, "unpublish", slug);
  expect((await page.goto(`/articles/${slug}`))?.status()).toBe(404);
  await expect(page.getByText(headline)).toHaveCount(0);
  await page.goto("/");
  await expect(page.getByText(headline)).toHaveCount(0);
  expect((await page.goto("/tags/revalidation-test"))?.status()).toBe(404);
  await page.goto("/sections/economie");
  await expect(page.getByText(headline)).toHaveCount(0);
  await page.goto("/authors/marc-dubois");
  await expect(page.getByText(headline)).toHaveCount(0);
  expect(await feedSlugs(page)).not.toContain(slug);
  const sitemap = await sitemapLocs(page, request);
  expect(sitemap.join("\n")).not.toContain(slug);
  await page.goto("/search?q=tramway");
  await expect(page.getByRole("link", { name: headline })).toHaveCount(0);
});

test("a profile change shows on the author page and on the article's author card", async ({ page, request }) => {
  await page.goto("/authors/claire-martin");
  await page.goto(`/articles/${TYPICAL.slug}`);
  await hook(request, "profile", "claire-martin", "Cheffe du service cybersécurité");
  await page.goto("/authors/claire-martin");
  await expect(page.getByText("Cheffe du service cybersécurité")).toBeVisible();
  await page.goto(`/articles/${TYPICAL.slug}`);
  await expect(page.getByRole("region", { name: "À propos de l’auteur" })).toContainText("Cheffe du service cybersécurité");
  // Put the seeded title back for the specs that run after this one.
  await hook(request, "profile", "claire-martin", "Journaliste cybersécurité");
  await page.goto("/authors/claire-martin");
  await expect(page.getByText("Journaliste cybersécurité")).toBeVisible();
});
