import sharp from "sharp";
import { describe, expect, it } from "vitest";

import { DEFAULT_SOCIAL_IMAGE, SITE_LOGO } from "./brand";
import { newsArticleJsonLd } from "./json-ld";

describe("the site's own images", () => {
  it("exist in public/ at the size the pages declare", async () => {
    for (const image of [SITE_LOGO, DEFAULT_SOCIAL_IMAGE]) {
      const meta = await sharp(`public${image.path}`).metadata();
      expect([meta.format, meta.width, meta.height]).toEqual(["png", image.width, image.height]);
    }
  });

  it("name the publisher's logo in NewsArticle, as search engines ask", () => {
    const ld = newsArticleJsonLd({
      url: "https://news.example/articles/a",
      headline: "A",
      description: "",
      datePublished: "2026-11-29T00:00:00Z",
      dateModified: "2026-11-29T00:00:00Z",
      language: "fr",
      keywords: [],
      image: `https://news.example${DEFAULT_SOCIAL_IMAGE.path}`,
      authors: [],
      publisher: { name: "Newsroom", url: "https://news.example/", logo: { url: `https://news.example${SITE_LOGO.path}`, width: 600, height: 60 } },
    });
    expect(ld.publisher).toEqual({
      "@type": "Organization",
      name: "Newsroom",
      url: "https://news.example/",
      logo: { "@type": "ImageObject", url: "https://news.example/brand/logo.png", width: 600, height: 60 },
    });
    expect(ld.image).toEqual(["https://news.example/brand/social.png"]);
  });
});
