import { expect, type Locator, type Page } from "@playwright/test";

/** An article as readers see it: the public page, the newsroom preview or a shared preview. */
export class ArticleViewPage {
  readonly banner: Locator;
  readonly headline: Locator;
  readonly keyPoints: Locator;

  constructor(readonly page: Page) {
    // The newsroom's preview speaks the interface language, a shared one the site's (French in the demo).
    this.banner = page.getByRole("region", { name: /^(Preview banner|Bandeau d’aperçu)$/ });
    this.headline = page.getByRole("article").getByRole("heading", { level: 1 });
    this.keyPoints = page
      .getByRole("complementary")
      .filter({ has: page.locator("#key-points") })
      .getByRole("listitem");
  }

  /** The page's NewsArticle JSON-LD, parsed. */
  async jsonLd(): Promise<Record<string, unknown>> {
    const text = await this.page.locator('article script[type="application/ld+json"]').textContent();
    return JSON.parse(text ?? "null") as Record<string, unknown>;
  }

  /** What must be the same on a preview and on the published page (not the dates, not the address). */
  async comparable() {
    const ld = await this.jsonLd();
    return {
      headline: await this.headline.textContent(),
      keyPoints: await this.keyPoints.allTextContents(),
      ld: { headline: ld.headline, description: ld.description, inLanguage: ld.inLanguage, keywords: ld.keywords, author: ld.author },
    };
  }

  async expectPreviewBanner() {
    await expect(this.banner).toContainText(/Preview — not published|Aperçu — non publié/);
  }
}
