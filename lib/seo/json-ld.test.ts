import { describe, expect, it } from "vitest";

import { profilePageJsonLd, serializeJsonLd, websiteJsonLd } from "./json-ld";

describe("serializeJsonLd", () => {
  it("cannot be closed by text inside it and parses back to the same data", () => {
    const data = { headline: "</script><script>alert(1)</script> & <!-- \u2028 «é» 東京 😀" };
    const out = serializeJsonLd(data);
    expect(out).not.toMatch(/<|>|&/);
    expect(JSON.parse(out)).toEqual(data);
  });
});

describe("site and profile JSON-LD", () => {
  it("describes the site with a search action whose template is the search page", () => {
    const ld = websiteJsonLd({ origin: "https://news.example.org", name: "Newsroom", description: "D", language: "fr" });
    expect(ld["@type"]).toBe("WebSite");
    expect(ld.url).toBe("https://news.example.org/");
    expect(ld.potentialAction.target.urlTemplate).toBe("https://news.example.org/search?q={search_term_string}");
    expect(ld.potentialAction["query-input"]).toBe("required name=search_term_string");
  });

  it("makes an author page a ProfilePage about a Person, leaving out what the profile lacks", () => {
    const ld = profilePageJsonLd({
      url: "https://x.org/authors/a",
      name: "Claire Martin",
      jobTitle: null,
      description: "Bio",
      image: null,
      sameAs: ["https://m.example/@c"],
    });
    expect(ld["@type"]).toBe("ProfilePage");
    expect(ld.mainEntity).toEqual({
      "@type": "Person",
      "@id": "https://x.org/authors/a#person",
      name: "Claire Martin",
      url: "https://x.org/authors/a",
      description: "Bio",
      sameAs: ["https://m.example/@c"],
    });
  });
});
