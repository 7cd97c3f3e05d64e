import { describe, expect, it } from "vitest";

import { uploadKeys } from "./json";

describe("uploadKeys", () => {
  it("finds our uploads in JSON values and in HTML inside them, not an old site's uploads", () => {
    const text = JSON.stringify({
      featuredImage: { src: "/uploads/abc-1.webp" },
      bodyHtml: '<img src="/uploads/def-2.webp" alt="x"><img src="https://old.example/wp-content/uploads/2024/03/a.jpg">',
      other: "https://old.example/wp-content/uploads/2024",
    });
    expect(uploadKeys(text).sort()).toEqual(["abc-1.webp", "def-2.webp"]);
  });

  it("brings the renditions made beside an image at upload", () => {
    const keys = uploadKeys(JSON.stringify({ src: "/uploads/img-0a1b-400x300.webp" }));
    expect(keys.sort()).toEqual([
      "img-0a1b-400x300-160w.avif",
      "img-0a1b-400x300-160w.webp",
      "img-0a1b-400x300-320w.avif",
      "img-0a1b-400x300-320w.webp",
      "img-0a1b-400x300-400w.avif",
      "img-0a1b-400x300.webp",
    ]);
  });
});
