/**
 * Responsive images without a lookup: an upload's key carries its size (`<id>-<w>x<h>.webp`) and
 * every narrower rendition made at upload lives beside it under a key derived from it
 * (`<id>-<w>x<h>-<width>w.avif|webp`). A page can therefore write `srcset`, `sizes`, `width` and
 * `height` from the image address alone, for featured images, body images and author photos.
 * Older uploads (no size in the key) and anything else are served as they are.
 */

/** The widths made at upload (each only when narrower than the stored image, which is made too). */
export const IMAGE_WIDTHS = [160, 320, 640, 960, 1280, 1600] as const;
export const IMAGE_FORMATS = ["avif", "webp"] as const;
export type ImageFormat = (typeof IMAGE_FORMATS)[number];

const KEY = /^\/uploads\/([a-z0-9]+-[a-f0-9]+)-(\d{1,5})x(\d{1,5})\.webp$/;

export type ParsedImage = { id: string; width: number; height: number };

/** The key of the stored image (the largest WebP, also the `src` fallback). */
export function imageKey(id: string, width: number, height: number): string {
  return `${id}-${width}x${height}.webp`;
}

/** The key of one rendition of that image. */
export function variantKey(image: ParsedImage, width: number, format: ImageFormat): string {
  return `${image.id}-${image.width}x${image.height}-${width}w.${format}`;
}

/** The widths to make for an image stored `width` pixels wide, narrowest first, its own width last. */
export function variantWidths(width: number): number[] {
  return [...IMAGE_WIDTHS.filter((w) => w < width), width];
}

/** The size and id of an upload made with renditions, or null (older uploads, other addresses). */
export function parseImageSrc(src: string | null | undefined): ParsedImage | null {
  const m = KEY.exec(src ?? "");
  if (!m) return null;
  const width = Number(m[2]);
  const height = Number(m[3]);
  if (!width || !height) return null;
  return { id: m[1], width, height };
}

/**
 * Every rendition stored beside an image, narrowest first: each format at each width, except the
 * full-width WebP, which is the stored image itself. Upload makes exactly these; export copies them.
 */
export function renditionsOf(image: ParsedImage): { width: number; format: ImageFormat; key: string }[] {
  return variantWidths(image.width).flatMap((width) =>
    IMAGE_FORMATS.filter((format) => !(format === "webp" && width === image.width)).map((format) => ({ width, format, key: variantKey(image, width, format) })),
  );
}

/** The keys of the renditions stored beside an upload's key (none for an upload without them). */
export function renditionKeys(key: string): string[] {
  const parsed = parseImageSrc(`/uploads/${key}`);
  return parsed ? renditionsOf(parsed).map((r) => r.key) : [];
}

export type ResponsiveImage = {
  src: string;
  width: number;
  height: number;
  /** One `<source>` per modern format, best first. */
  sources: { type: `image/${ImageFormat}`; srcSet: string }[];
};

/** What a `<picture>` needs for `src`; null when the image has no renditions. */
export function responsiveImage(src: string | null | undefined): ResponsiveImage | null {
  const parsed = parseImageSrc(src);
  if (!parsed || !src) return null;
  const widths = variantWidths(parsed.width);
  const url = (width: number, format: ImageFormat) =>
    // The stored WebP is the full-width WebP rendition: no second copy of it.
    format === "webp" && width === parsed.width ? src : `/uploads/${variantKey(parsed, width, format)}`;
  return {
    src,
    width: parsed.width,
    height: parsed.height,
    sources: IMAGE_FORMATS.map((format) => ({ type: `image/${format}` as const, srcSet: widths.map((w) => `${url(w, format)} ${w}w`).join(", ") })),
  };
}
