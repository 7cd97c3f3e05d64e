import { describe, expect, it } from "vitest";

import { imageKey, parseImageSrc, renditionKeys, responsiveImage, variantKey, variantWidths } from "./variants";

describe("responsive image addresses", () => {
  it("reads the size back from a key made at upload", () => {
    const key = imageKey("mi0abc-0123456789ab", 1600, 900);
    expect(key).toBe("mi0abc-0123456789ab-1600x900.webp");
    expect(parseImageSrc(`/uploads/${key}`)).toEqual({ id: "mi0abc-0123456789ab", width: 1600, height: 900 });
  });

  it("makes only narrower widths, and the image's own width last", () => {
    expect(variantWidths(1600)).toEqual([160, 320, 640, 960, 1280, 1600]);
    expect(variantWidths(700)).toEqual([160, 320, 640, 700]);
    expect(variantWidths(120)).toEqual([120]);
  });

  it("writes one srcset per format, with the stored WebP as its full-width WebP", () => {
    const image = responsiveImage("/uploads/mi0abc-0123456789ab-1000x1500.webp");
    expect(image).not.toBeNull();
    expect(image!.width).toBe(1000);
    expect(image!.height).toBe(1500);
    expect(image!.sources.map((s) => s.type)).toEqual(["image/avif", "image/webp"]);
    expect(image!.sources[0].srcSet).toBe([160, 320, 640, 960, 1000].map((w) => `/uploads/mi0abc-0123456789ab-1000x1500-${w}w.avif ${w}w`).join(", "));
    expect(image!.sources[1].srcSet.split(", ").at(-1)).toBe("/uploads/mi0abc-0123456789ab-1000x1500.webp 1000w");
    expect(image!.sources[1].srcSet.split(", ")[0]).toBe(`/uploads/${variantKey({ id: "mi0abc-0123456789ab", width: 1000, height: 1500 }, 160, "webp")} 160w`);
  });

  it("leaves older uploads and other addresses alone", () => {
    for (const src of [
      "/uploads/mi0abc-0123456789ab.webp",
      "https://example.com/uploads/mi0abc-0123456789ab-10x10.webp",
      "/uploads/../x-0-10x10.webp",
      "/uploads/mi0abc-0123456789ab-0x10.webp",
      "",
      null,
    ]) {
      expect(responsiveImage(src)).toBeNull();
    }
  });

  it("lists as renditions every address a srcset names except the stored image itself (what upload makes and export copies)", () => {
    const src = "/uploads/mi0abc-0123456789ab-1000x1500.webp";
    const named = responsiveImage(src)!.sources.flatMap((s) => s.srcSet.split(", ").map((c) => c.split(" ")[0]));
    const stored = renditionKeys("mi0abc-0123456789ab-1000x1500.webp").map((k) => `/uploads/${k}`);
    expect(new Set(named)).toEqual(new Set([...stored, src]));
    expect(stored).toHaveLength(5 * 2 - 1);
    expect(renditionKeys("mi0abc-0123456789ab.webp")).toEqual([]);
  });
});
