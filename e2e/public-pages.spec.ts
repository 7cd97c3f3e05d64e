import { expect, test, TYPICAL } from "./fixtures";
import { articlePath, headlineOf, hook, NOT_PUBLIC, SEEDED_PUBLISHED, sitemapLocs, slugOf, xmlTexts } from "./public-helpers";

test.describe.configure({ mode: "serial" });

test.beforeAll(async ({ request }) => {
  // The seed has no featured image nor correction: republish the typical article with both.
  await hook(request, "decorate", TYPICAL.slug, "Le nombre d’hôpitaux touchés était de onze, et non de douze.");
});

test("front page: lead story, latest and by section, nothing unpublished", async ({ page }) => {
  const response = await page.goto("/");
  expect(response?.status()).toBe(200);
  await expect(page.getByRole("heading", { level: 1 })).toHaveCount(1);
  const lead = page.getByRole("region", { name: "À la une" });
  await expect(lead.getByRole("link", { name: TYPICAL.headline })).toBeVisible();
  await expect(page.getByRole("region", { name: "Dernières nouvelles" }).getByRole("link", { name: headlineOf("energy") })).toBeVisible();
  const bySection = page.getByRole("region", { name: "Par rubrique" });
  await expect(bySection.getByRole("link", { name: "Économie" })).toHaveAttribute("href", "/sections/economie");
  for (const key of NOT_PUBLIC) await expect(page.getByText(headlineOf(key))).toHaveCount(0);
  await expect(page.locator('link[rel="alternate"][type="application/rss+xml"]')).toHaveAttribute("href", /\/feed\.xml$/);
  const site = JSON.parse((await page.locator('script[type="application/ld+json"]').textContent())!);
  expect(site).toMatchObject({ "@type": "WebSite", potentialAction: { "@type": "SearchAction" } });
  expect(site.potentialAction.target.urlTemplate).toMatch(/\/search\?q=\{search_term_string\}$/);
  // Browsers ask for /favicon.ico whatever the page says: a 404 there is a console error on every first visit.
  await expect(page.locator('link[rel="icon"]').first()).toHaveAttribute("href", /\/favicon\.ico/);
  const icon = await page.request.get("/favicon.ico");
  expect(icon.status()).toBe(200);
  expect(icon.headers()["content-type"]).toMatch(/image\/(x-icon|vnd\.microsoft\.icon)/);
});

test("article page shows every element of the spec for the typical French article", async ({ page }) => {
  await page.goto(`/articles/${TYPICAL.slug}`);
  const article = page.locator("article").first();
  await expect(article).toHaveAttribute("lang", "fr");
  await expect(page.getByRole("heading", { level: 1, name: TYPICAL.headline })).toBeVisible();
  await expect(page.getByText("Pékin dément les accusations de Paris", { exact: false }).first()).toBeVisible();
  // Byline linking each author, published and updated times in French.
  await expect(article.getByRole("link", { name: "Claire Martin" }).first()).toHaveAttribute("href", "/authors/claire-martin");
  const times = article.locator("header time");
  await expect(times).toHaveCount(2);
  for (const t of await times.all()) {
    expect(Date.parse((await t.getAttribute("datetime"))!)).not.toBeNaN();
    await expect(t).toHaveText(/(janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre)/);
  }
  await expect(article.getByText("Publié le")).toBeVisible();
  await expect(article.getByText("Mis à jour le")).toBeVisible();
  await expect(article.getByRole("link", { name: "Technologie" })).toHaveAttribute("href", "/sections/technologie");
  // Featured image with alt text, caption and credit.
  const image = article.getByRole("img", { name: "Le hall d’accueil d’un hôpital, écrans éteints" });
  await expect(image).toHaveAttribute("src", /^\/uploads\/.+\.webp$/);
  await expect(article.locator("figcaption")).toContainText("Newsroom");
  // Key points titled in the article's language.
  await expect(page.getByRole("complementary", { name: "Faits saillants" }).getByRole("listitem")).toHaveCount(8);
  await expect(page.getByText("« La Chine s’oppose fermement à toute forme de cyberattaque", { exact: false })).toBeVisible();
  await expect(page.getByRole("link", { name: "#CybersécuritéFrançaise" })).toHaveAttribute("href", "/tags/cybersecurite-francaise");
  await expect(page.getByRole("link", { name: "#APT41" })).toHaveAttribute("href", "/tags/apt41");
  // Author card (one author: a singular heading), with the bio in its own language.
  const authors = page.getByRole("region", { name: "À propos de l’auteur" });
  const bio = authors.getByText("Claire Martin covers cyber security", { exact: false });
  await expect(bio).toBeVisible();
  await expect(bio.locator("xpath=ancestor::*[@lang][1]")).toHaveAttribute("lang", "en");
  // Correction note and related articles (the English article shares #CybersécuritéFrançaise).
  await expect(page.getByRole("region", { name: "Rectificatifs" })).toContainText("onze, et non de douze");
  await expect(page.getByRole("region", { name: "À lire aussi" }).getByRole("link", { name: headlineOf("english") })).toBeVisible();
});

test("article SEO: canonical, OpenGraph, Twitter card and a NewsArticle JSON-LD", async ({ page, baseURL }) => {
  await page.goto(`/articles/${TYPICAL.slug}`);
  const url = `${baseURL}/articles/${TYPICAL.slug}`;
  await expect(page.locator('link[rel="canonical"]')).toHaveAttribute("href", url);
  await expect(page.locator('meta[property="og:title"]')).toHaveAttribute("content", TYPICAL.headline);
  await expect(page.locator('meta[property="og:type"]')).toHaveAttribute("content", "article");
  await expect(page.locator('meta[property="og:url"]')).toHaveAttribute("content", url);
  await expect(page.locator('meta[property="og:locale"]')).toHaveAttribute("content", "fr_FR");
  await expect(page.locator('meta[property="og:image"]').first()).toHaveAttribute("content", /\/uploads\/.+\.webp$/);
  await expect(page.locator('meta[name="twitter:card"]')).toHaveAttribute("content", "summary_large_image");
  await expect(page.locator('meta[name="twitter:title"]')).toHaveAttribute("content", TYPICAL.headline);
  const raw = await page.locator('script[type="application/ld+json"]').textContent();
  const ld = JSON.parse(raw!);
  expect(ld["@type"]).toBe("NewsArticle");
  expect(ld.headline).toBe(TYPICAL.headline);
  expect(ld.description).toContain("Pékin dément");
  expect(Date.parse(ld.datePublished)).not.toBeNaN();
  expect(Date.parse(ld.dateModified)).toBeGreaterThan(Date.parse(ld.datePublished));
  expect(ld.author[0]).toEqual({ "@type": "Person", name: "Claire Martin", url: `${baseURL}/authors/claire-martin` });
  expect(ld.keywords).toContain("CybersécuritéFrançaise");
  expect(ld.inLanguage).toBe("fr");
  expect(ld.image[0]).toMatch(/^http.*\/uploads\/.+\.webp$/);
  expect(ld.publisher).toMatchObject({ "@type": "Organization", name: "Newsroom" });
});

test("a headline holding </script> cannot break out of the JSON-LD", async ({ page, request }) => {
  const headline = `Alerte </script><script>window.__pwned = 1</script> « test » & <!-- fin`;
  const { slug } = await hook(request, "create", "alerte-script-test", headline);
  await page.goto(`/articles/${slug}`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(headline);
  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  const ld = JSON.parse((await page.locator('script[type="application/ld+json"]').textContent())!);
  expect(ld.headline).toBe(headline);
  // No script element of its own: the text only exists as escaped data (JSON-LD, RSC payload).
  expect(await page.locator("script").evaluateAll((s) => s.filter((x) => x.textContent?.trim().startsWith("window.__pwned")).length)).toBe(0);
});

test("author, tag and section pages list published articles only", async ({ page }) => {
  await page.goto("/authors/claire-martin");
  await expect(page.getByRole("heading", { level: 1, name: "Claire Martin" })).toBeVisible();
  await expect(page.getByText("Journaliste cybersécurité")).toBeVisible();
  const bio = page.getByText("Claire Martin covers cyber security", { exact: false });
  await expect(bio.locator("xpath=ancestor::*[@lang][1]")).toHaveAttribute("lang", "en");
  await expect(page.getByRole("link", { name: "Mastodon" })).toHaveAttribute("rel", /\bme\b/);
  await expect(page.getByRole("link", { name: "Flux RSS : Claire Martin" })).toHaveAttribute("href", "/authors/claire-martin/feed.xml");
  const profile = JSON.parse((await page.locator('script[type="application/ld+json"]').textContent())!);
  expect(profile["@type"]).toBe("ProfilePage");
  expect(profile.mainEntity).toMatchObject({ "@type": "Person", name: "Claire Martin", jobTitle: "Journaliste cybersécurité" });
  await expect(page.getByRole("link", { name: TYPICAL.headline })).toBeVisible();
  await expect(page.getByRole("link", { name: headlineOf("english") })).toBeVisible();
  for (const key of NOT_PUBLIC) await expect(page.getByText(headlineOf(key))).toHaveCount(0);

  await page.goto("/tags/cybersecurite-francaise");
  await expect(page.getByRole("heading", { level: 1 })).toContainText("#CybersécuritéFrançaise");
  // A listing describes itself by its first headlines, for search results and link previews.
  await expect(page.locator('meta[name="description"]')).toHaveAttribute("content", /^Articles sur #CybersécuritéFrançaise : .+/);
  await expect(page.locator('meta[property="og:title"]')).toHaveAttribute("content", "Articles sur #CybersécuritéFrançaise");
  await expect(page.locator('meta[property="og:url"]')).toHaveAttribute("content", /\/tags\/cybersecurite-francaise$/);
  await expect(page.getByRole("link", { name: TYPICAL.headline })).toBeVisible();
  await expect(page.getByRole("link", { name: headlineOf("english") })).toBeVisible();

  await page.goto("/sections/economie");
  await expect(page.getByRole("heading", { level: 1, name: "Économie" })).toBeVisible();
  await expect(page.locator('meta[name="description"]')).toHaveAttribute("content", /^Économie : .+/);
  await expect(page.getByRole("link", { name: headlineOf("energy") })).toBeVisible();
  for (const key of NOT_PUBLIC) await expect(page.getByText(headlineOf(key))).toHaveCount(0);
  expect((await page.goto("/sections/economie?page=9"))?.status()).toBe(404);
  expect((await page.goto("/sections/economie?page=abc"))?.status()).toBe(404);
  expect((await page.goto("/sections/inconnue"))?.status()).toBe(404);
  expect((await page.goto("/authors/personne"))?.status()).toBe(404);
});

test("search: accent-insensitive, stemmed, highlighted, and hostile input never errors", async ({ page }) => {
  await page.goto("/search?q=cybersecurite");
  await expect(page.getByRole("link", { name: TYPICAL.headline })).toBeVisible();
  await page.goto("/search?q=rancongiciel");
  await expect(page.getByRole("link", { name: TYPICAL.headline })).toBeVisible();
  await expect(page.locator("mark").first()).toHaveText(/rançongiciel/i);
  await page.goto("/search?q=h%C3%B4pital");
  await expect(page.getByRole("link", { name: TYPICAL.headline })).toBeVisible();
  await page.goto("/search");
  await page.getByRole("searchbox", { name: "Rechercher des articles" }).last().fill("électricité");
  await page.getByRole("button", { name: "Rechercher" }).last().click();
  await expect(page.getByRole("link", { name: headlineOf("energy") })).toBeVisible();
  for (const q of ["'; drop table articles; --", '"unterminated', "a & | ! <-> :*", "x".repeat(10_000), "<script>alert(1)</script>"]) {
    const response = await page.goto(`/search?q=${encodeURIComponent(q)}`);
    expect(response?.status()).toBe(200);
    await expect(page.getByRole("heading", { level: 1, name: "Recherche" })).toBeVisible();
  }
  for (const key of NOT_PUBLIC) {
    await page.goto(`/search?q=${encodeURIComponent(headlineOf(key))}`);
    await expect(page.getByRole("link", { name: headlineOf(key) })).toHaveCount(0);
  }
});

test("a 404 is drawn on the server: a reader without script gets the whole page, in the site's language", async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  try {
    for (const path of [
      `/articles/nexiste-pas`,
      `/articles/${slugOf(NOT_PUBLIC[0])}`,
      "/tags/nexiste-pas",
      "/sections/nexiste-pas",
      "/nimporte/quoi",
      "/tags/mise-en-page?page=99",
      "/search?q=chine&page=99",
    ]) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(404);
      await expect(page.locator("html"), path).toHaveAttribute("lang", "fr");
      await expect(page, path).toHaveTitle("Page introuvable · Newsroom");
      await expect(page.getByRole("heading", { level: 1, name: "Page introuvable" }), path).toBeVisible();
      await expect(page.getByRole("banner").getByRole("link", { name: "Newsroom" }).first(), path).toBeVisible();
      await expect(page.getByRole("main").getByRole("searchbox", { name: "Rechercher des articles" }), path).toBeVisible();
      // Nothing for a script to fill in, and no script at all.
      expect(await page.locator("script:not([type='application/ld+json'])").count(), path).toBe(0);
      await expect(page.getByText(headlineOf(NOT_PUBLIC[0])), path).toHaveCount(0);
    }
  } finally {
    await context.close();
  }
});

test("search leaves out an article that has a word excluded with a minus", async ({ page }) => {
  await page.goto("/search?q=cyberattaque");
  await expect(page.getByRole("link", { name: TYPICAL.headline })).toBeVisible();
  await page.goto(`/search?q=${encodeURIComponent("cyberattaque -chine")}`);
  await expect(page.getByRole("heading", { level: 1, name: "Recherche" })).toBeVisible();
  await expect(page.getByRole("link", { name: TYPICAL.headline })).toHaveCount(0);
});

test("unpublished, in-review, approved, draft, scheduled and unknown slugs answer 404 and leak nothing", async ({ page, request }) => {
  const { slug: scheduled } = await hook(request, "create", "programme-pour-demain", "Article programmé pour demain", {
    state: "scheduled",
    tags: ["#Programmé"],
  });
  for (const slug of [...NOT_PUBLIC.map(slugOf), scheduled, "nexiste-pas", "UPPER-Case", "a%2Fb"]) {
    const response = await page.goto(`/articles/${slug}`);
    expect(response?.status(), slug).toBe(404);
    await expect(page.getByRole("heading", { name: "Page introuvable" })).toBeVisible();
  }
  for (const key of NOT_PUBLIC) await expect(page.getByText(headlineOf(key))).toHaveCount(0);
  await expect(page.getByText("Article programmé pour demain")).toHaveCount(0);
  // The 404 offers a way on: a search box and the latest published articles.
  await expect(page.getByRole("main").getByRole("searchbox", { name: "Rechercher des articles" })).toBeVisible();
  // (Which articles are the latest depends on what earlier specs published: at least one, all public.)
  const latest = page.getByRole("region", { name: "Dernières nouvelles" }).getByRole("link");
  await expect(latest.first()).toHaveAttribute("href", /^\/articles\//);
  for (const key of NOT_PUBLIC) await expect(latest.filter({ hasText: headlineOf(key) })).toHaveCount(0);
  expect((await page.goto("/tags/programme"))?.status()).toBe(404);
  // Tags carried only by unpublished articles are not public either.
  expect((await page.goto("/tags/objets-connectes"))?.status()).toBe(404);
  expect((await page.goto("/tags/emploi"))?.status()).toBe(404);
  expect((await request.get("/tags/objets-connectes/feed.xml")).status()).toBe(404);
});

test("feeds and sitemaps parse as XML and list exactly the published articles", async ({ page, request }) => {
  await page.goto("/");
  const hidden = [...NOT_PUBLIC.map(slugOf), "programme-pour-demain"];
  const feed = await request.get("/feed.xml");
  expect(feed.headers()["content-type"]).toContain("xml");
  const feedLinks = (await xmlTexts(page, await feed.text(), "link")).slice(1).map(articlePath);
  const sitemap = await sitemapLocs(page, request);
  const sitemapArticles = sitemap.filter((u) => u.includes("/articles/")).map(articlePath);
  expect(new Set(feedLinks)).toEqual(new Set(sitemapArticles));
  for (const slug of SEEDED_PUBLISHED) expect(feedLinks).toContain(slug);
  for (const slug of hidden) {
    expect(feedLinks).not.toContain(slug);
    expect(sitemapArticles).not.toContain(slug);
  }
  expect(sitemap.some((u) => u.endsWith("/tags/cybersecurite-francaise"))).toBe(true);
  expect(sitemap.some((u) => u.endsWith("/tags/objets-connectes"))).toBe(false);

  const news = await xmlTexts(page, await (await request.get("/news-sitemap.xml")).text(), "loc");
  const newsSlugs = news.map(articlePath);
  expect(newsSlugs).toContain(slugOf("typical"));
  expect(newsSlugs).toContain(slugOf("energy"));
  expect(newsSlugs).not.toContain(slugOf("english")); // published 50 h ago
  for (const slug of hidden) expect(newsSlugs).not.toContain(slug);
  const titles = await xmlTexts(page, await (await request.get("/news-sitemap.xml")).text(), "news:title");
  expect(titles).toContain(TYPICAL.headline);

  const tagFeed = (await xmlTexts(page, await (await request.get("/tags/cybersecurite-francaise/feed.xml")).text(), "link")).slice(1).map(articlePath);
  expect(tagFeed).toEqual(expect.arrayContaining([slugOf("typical"), slugOf("english")]));
  expect(tagFeed).not.toContain(slugOf("energy"));
  const authorFeed = (await xmlTexts(page, await (await request.get("/authors/yanis-benali/feed.xml")).text(), "link")).slice(1).map(articlePath);
  expect(new Set(authorFeed)).toEqual(new Set([slugOf("energy"), slugOf("english")]));

  const robots = await (await request.get("/robots.txt")).text();
  expect(robots).toMatch(/Sitemap: http.*\/sitemap\.xml/);
  expect(robots).toMatch(/Sitemap: http.*\/news-sitemap\.xml/);
  expect(robots).toContain("Disallow: /newsroom");
});

test("an account without a published byline has no public author page, feed or sitemap entry", async ({ page, request }) => {
  // The demo admin never signed an article: she is staff, not a public author.
  expect((await page.goto("/authors/amelie-rousseau"))?.status()).toBe(404);
  await expect(page.getByText("Rédactrice en chef adjointe")).toHaveCount(0);
  expect((await request.get("/authors/amelie-rousseau/feed.xml", { maxRedirects: 0 })).status()).toBe(404);
  const sitemap = await sitemapLocs(page, request);
  expect(sitemap.some((u) => u.endsWith("/authors/amelie-rousseau"))).toBe(false);
  expect(sitemap.some((u) => u.endsWith("/authors/claire-martin"))).toBe(true);
  expect((await page.goto("/authors/claire-martin"))?.status()).toBe(200);
});

test("an old slug answers a permanent redirect to the current one", async ({ page, request }) => {
  // Renames the article made by the </script> test above, so seeded slugs stay as they are.
  const old = "alerte-script-test";
  await hook(request, "rename", old, "alerte-script-test-renommee");
  const response = await request.get(`/articles/${old}`, { maxRedirects: 0 });
  expect([301, 308]).toContain(response.status());
  expect(response.headers()["location"]).toMatch(/\/articles\/alerte-script-test-renommee$/);
  await page.goto(`/articles/${old}`);
  await expect(page).toHaveURL(/\/articles\/alerte-script-test-renommee$/);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Alerte");
});

test("a tag, author or article address typed as the name reads leads to the page (folded slug, permanent redirect)", async ({ request }) => {
  for (const [typed, page] of [
    ["/tags/APT41", "/tags/apt41"],
    [`/articles/${TYPICAL.slug.replace("la-chine", "La-Chine")}`, `/articles/${TYPICAL.slug}`],
    ["/tags/Cybers%C3%A9curit%C3%A9Fran%C3%A7aise", "/tags/cybersecurite-francaise"],
    ["/authors/Claire-Martin", "/authors/claire-martin"],
  ]) {
    const response = await request.get(typed, { maxRedirects: 0 });
    expect([301, 308], typed).toContain(response.status());
    expect(response.headers()["location"], typed).toMatch(new RegExp(`${page}$`));
  }
  // A folded slug no page has stays a 404, with no redirect.
  expect((await request.get("/tags/Nulle-Part", { maxRedirects: 5 })).status()).toBe(404);
  expect((await request.get("/articles/Nulle-Part", { maxRedirects: 5 })).status()).toBe(404);
});
