import { describe, expect, it } from "vitest";

import { slugParam } from "./slug-param";

describe("slugParam", () => {
  it("accepts stored slugs, encoded or not", () => {
    expect(slugParam("la-chine-nie")).toBe("la-chine-nie");
    expect(slugParam("apt41")).toBe("apt41");
    expect(slugParam(encodeURIComponent("東京-tokyo"))).toBe("東京-tokyo");
  });
  it("refuses anything a slug cannot be", () => {
    for (const bad of ["", "A-B", "a--b", "-a", "a b", "%E0%A4%A", "../x", "a".repeat(201), "<script>", "a'b"]) expect(slugParam(bad)).toBeNull();
  });
});
