import { describe, expect, it } from "vitest";

import { safeNext } from "./safe-next";

/** What a browser does with a Location value: where does it land, seen from the site? */
function landsOn(location: string): string {
  return new URL(location, "https://news.example.org/login").origin;
}

describe("safeNext: only paths on this site", () => {
  it("keeps ordinary paths, with their query and fragment", () => {
    expect(safeNext("/newsroom/profile")).toBe("/newsroom/profile");
    expect(safeNext("/newsroom/articles/abc?tab=history#v2")).toBe("/newsroom/articles/abc?tab=history#v2");
    expect(safeNext("/newsroom?q=caf%C3%A9%20noir")).toBe("/newsroom?q=caf%C3%A9%20noir");
  });

  // Open-redirect payloads (as the server sees them after the query string is decoded once),
  // and their cousins: each must fall back to /newsroom, or at least stay on the site.
  const hostile = [
    "/\t/evil.example/phish", // ?next=/%09/evil.example/phish
    "/\r\n/evil.example/phish",
    "/\u000B/evil.example",
    "/\u000C/evil.example",
    "/\u2028/evil.example",
    "/\u2029/evil.example",
    "/\u0085/evil.example",
    "/\u00A0/evil.example",
    "/ /evil.example",
    "/\u0000/evil.example",
    "/%09/evil.example/phish", // double-encoded forms
    "/%0d%0a/evil.example",
    "/%0B/evil.example",
    "/%0C/evil.example",
    "/%E2%80%A8/evil.example",
    "/%5C/evil.example",
    "/\\evil.example",
    "/\\\\evil.example",
    "\\\\evil.example",
    "//evil.example",
    "///evil.example",
    "/.//evil.example",
    "/./\\evil.example",
    "https://evil.example",
    "http:evil.example",
    "javascript:alert(1)",
    "evil.example",
    "",
    " /newsroom",
    "/" + "a".repeat(3000),
  ];
  it.each(hostile.map((v) => [JSON.stringify(v).slice(0, 40), v]))("refuses %s", (_label, value) => {
    const next = safeNext(value);
    expect(next).toBe("/newsroom");
    expect(landsOn(next)).toBe("https://news.example.org");
  });

  it("refuses non-strings", () => {
    for (const v of [undefined, null, 42, ["/newsroom/profile"], { toString: () => "//evil" }]) expect(safeNext(v)).toBe("/newsroom");
  });

  it("never returns anything a Location header cannot carry", () => {
    for (const v of [...hostile, "/newsroom/é?x=ü", "/newsroom/<script>"]) {
      expect(safeNext(v)).toMatch(/^\/(?![/\\])[\x21-\x7E]*$/);
    }
  });
});
