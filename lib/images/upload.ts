import "server-only";

import { randomBytes } from "node:crypto";
import sharp, { type OutputInfo } from "sharp";

import { getStorage, StorageUnavailableError } from "@/lib/storage";

import { MAX_IMAGE_BYTES } from "./limits";

const ACCEPTED = new Set(["jpeg", "png", "webp"]);

export type ImageResult = { ok: true; url: string; width: number; height: number; bytes: number; mimeType: string } | { ok: false; error: string };

/**
 * Accepts JPEG, PNG or WebP judged by the bytes themselves (not the name or the declared type),
 * at most 10 MB; re-encodes to WebP at most `maxWidth` wide, which also drops metadata and any
 * payload hidden after the image data.
 */
export async function storeImage(file: { arrayBuffer(): Promise<ArrayBuffer>; size: number }, maxWidth = 1600): Promise<ImageResult> {
  if (!file || file.size === 0) return { ok: false, error: "Choose an image file." };
  if (file.size > MAX_IMAGE_BYTES) return { ok: false, error: "The image is larger than 10 MB." };
  const input = Buffer.from(await file.arrayBuffer());
  let format: string | undefined;
  try {
    format = (await sharp(input).metadata()).format;
  } catch {
    format = undefined;
  }
  if (!format || !ACCEPTED.has(format)) return { ok: false, error: "This file is not a JPEG, PNG or WebP image." };
  let encoded: { data: Buffer; info: OutputInfo };
  try {
    encoded = await sharp(input, { limitInputPixels: 50_000_000 })
      .rotate()
      .resize({ width: maxWidth, withoutEnlargement: true })
      .webp({ quality: 82 })
      .toBuffer({ resolveWithObject: true });
  } catch {
    return { ok: false, error: "The image could not be read; it may be damaged." };
  }
  const { data, info } = encoded;
  const key = `${Date.now().toString(36)}-${randomBytes(6).toString("hex")}.webp`;
  try {
    const { url } = await getStorage().put(key, data, "image/webp");
    return { ok: true, url, width: info.width, height: info.height, bytes: data.length, mimeType: "image/webp" };
  } catch (error) {
    if (!(error instanceof StorageUnavailableError)) throw error;
    // The operator needs the reason; the editor needs to know the image is not saved and why it is not their file.
    console.error(error.message, error.cause);
    return { ok: false, error: STORAGE_DOWN };
  }
}

export const STORAGE_DOWN = "The image could not be saved: the file store is not answering. Nothing was saved; try again in a moment.";
