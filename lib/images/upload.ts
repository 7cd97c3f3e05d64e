import "server-only";

import { randomBytes } from "node:crypto";
import sharp, { type OutputInfo } from "sharp";

import { getStorage, StorageUnavailableError } from "@/lib/storage";

import { MAX_IMAGE_BYTES, MAX_PIXELS, STORAGE_DOWN, TOO_MANY_PIXELS } from "./limits";
import { imageKey, renditionsOf, type ParsedImage } from "./variants";

export { STORAGE_DOWN };

const ACCEPTED = new Set(["jpeg", "png", "webp"]);

export type ImageResult =
  { ok: true; url: string; width: number; height: number; bytes: number; mimeType: string } | { ok: false; error: string; code: ImageErrorCode };
/** Why an image was refused, for the catalogue (`editor.image.upload.<code>`); `error` stays the English sentence. */
export type ImageErrorCode = "empty" | "tooLarge" | "format" | "tooManyPixels" | "damaged" | "storage";

/**
 * Accepts JPEG, PNG or WebP judged by the bytes themselves (not the name or the declared type),
 * at most 10 MB; re-encodes to WebP at most `maxWidth` wide, which also drops metadata and any
 * payload hidden after the image data. Narrower renditions in AVIF and WebP are stored beside it
 * (lib/images/variants.ts), so pages can offer `srcset` without any lookup.
 */
export async function storeImage(file: { arrayBuffer(): Promise<ArrayBuffer>; size: number }, maxWidth = 1600): Promise<ImageResult> {
  if (!file || file.size === 0) return { ok: false, error: "Choose an image file.", code: "empty" };
  if (file.size > MAX_IMAGE_BYTES) return { ok: false, error: "The image is larger than 10 MB.", code: "tooLarge" };
  const input = Buffer.from(await file.arrayBuffer());
  let meta: { format?: string; width?: number; height?: number } = {};
  try {
    // The header only (no decoding), so no pixel limit here: a real image too large to decode is
    // told apart from a file that is not an image at all.
    meta = await sharp(input, { limitInputPixels: false }).metadata();
  } catch {
    meta = {};
  }
  if (!meta.format || !ACCEPTED.has(meta.format)) return { ok: false, error: "This file is not a JPEG, PNG or WebP image.", code: "format" };
  if ((meta.width ?? 0) * (meta.height ?? 0) > MAX_PIXELS) return { ok: false, error: TOO_MANY_PIXELS, code: "tooManyPixels" };
  let encoded: { data: Buffer; info: OutputInfo };
  let renditions: { key: string; data: Buffer; contentType: string }[];
  try {
    encoded = await sharp(input, { limitInputPixels: MAX_PIXELS })
      .rotate()
      .resize({ width: maxWidth, withoutEnlargement: true })
      .webp({ quality: 82 })
      .toBuffer({ resolveWithObject: true });
    const id = `${Date.now().toString(36)}-${randomBytes(6).toString("hex")}`;
    renditions = [{ key: imageKey(id, encoded.info.width, encoded.info.height), data: encoded.data, contentType: "image/webp" }];
    renditions.push(...(await makeRenditions(encoded.data, { id, width: encoded.info.width, height: encoded.info.height })));
  } catch {
    return { ok: false, error: "The image could not be read; it may be damaged.", code: "damaged" };
  }
  const { data, info } = encoded;
  try {
    // The renditions first: once the main key exists, every address its srcset names exists too.
    for (const r of renditions.slice(1)) await getStorage().put(r.key, r.data, r.contentType);
    const { url } = await getStorage().put(renditions[0].key, data, "image/webp");
    return { ok: true, url, width: info.width, height: info.height, bytes: data.length, mimeType: "image/webp" };
  } catch (error) {
    if (!(error instanceof StorageUnavailableError)) throw error;
    // The operator needs the reason; the editor needs to know the image is not saved and why it is not their file.
    console.error(error.message, error.cause);
    return { ok: false, error: STORAGE_DOWN, code: "storage" };
  }
}

/** Every rendition of an image but the stored WebP itself (lib/images/variants.ts `renditionsOf`). */
async function makeRenditions(webp: Buffer, image: ParsedImage): Promise<{ key: string; data: Buffer; contentType: string }[]> {
  const out: { key: string; data: Buffer; contentType: string }[] = [];
  for (const { width, format, key } of renditionsOf(image)) {
    const resized = sharp(webp).resize({ width });
    const data = await (format === "avif" ? resized.avif({ quality: 55, effort: 2 }) : resized.webp({ quality: 80 })).toBuffer();
    out.push({ key, data, contentType: `image/${format}` });
  }
  return out;
}
