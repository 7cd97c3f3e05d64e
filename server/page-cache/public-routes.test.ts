import { describe, expect, it } from "vitest";

import { hasMalformedPath } from "./public-routes.mjs";

describe("hasMalformedPath", () => {
  it("finds a percent-encoding that cannot be decoded in the path, and only there", () => {
    for (const url of ["/articles/%", "/%E9", "/articles/%E9t%E9", "/tags/%zz", "/%?q=1"]) expect(hasMalformedPath(url), url).toBe(true);
    for (const url of ["/", "/articles/la-chine", "/articles/%C3%A9t%C3%A9", "/search?q=%", "/search?q=100%25", undefined])
      expect(hasMalformedPath(url), String(url)).toBe(false);
  });
});
