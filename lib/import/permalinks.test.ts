import { describe, expect, it } from "vitest";

import { legacyPathKey } from "./permalinks";

describe("legacyPathKey", () => {
  it("normalises old addresses: path decoded, no trailing slash, only WordPress id queries kept", () => {
    expect(legacyPathKey("https://gazette.example/2024/03/14/La-Grue/")).toBe("/2024/03/14/la-grue");
    expect(legacyPathKey("/2024/07/02/%c3%a9t%c3%a9-br%c3%bblant/")).toBe("/2024/07/02/été-brûlant");
    expect(legacyPathKey("https://gazette.example/?p=123&utm_source=x")).toBe("/?p=123");
    expect(legacyPathKey("/?page_id=2")).toBe("/?page_id=2");
    expect(legacyPathKey("/category/actualite/politique/?utm=1")).toBe("/category/actualite/politique");
  });
  it("has no key for the front page itself", () => {
    expect(legacyPathKey("https://gazette.example/")).toBeNull();
    expect(legacyPathKey("/?utm_source=x")).toBeNull();
  });
});
