import { describe, expect, it } from "vitest";

import { encodedUrl } from "./encoded-url";

describe("user addresses in the page", () => {
  it("percent-encodes spaces and non-ASCII characters and puts the host in punycode", () => {
    expect(encodedUrl("https://exemple.fr/équipe/claire martin")).toBe("https://exemple.fr/%C3%A9quipe/claire%20martin");
    expect(encodedUrl("https://bücher.example/ä?q=é")).toBe("https://xn--bcher-kva.example/%C3%A4?q=%C3%A9");
    expect(encodedUrl(" https://example.com ")).toBe("https://example.com/");
  });

  it("refuses what is not an absolute http(s) address", () => {
    for (const bad of ["javascript:alert(1)", "/relative", "mailto:a@b.c", "", null, undefined, "http://"]) expect(encodedUrl(bad)).toBeNull();
  });
});
