/** The largest image accepted (profile photos, editor and featured images), checked in the browser and on the server. */
export const MAX_IMAGE_BYTES = 10 * 1024 * 1024;

/** The image types the upload pipeline takes (it checks the content itself on the server). */
export const ACCEPTED_IMAGE_TYPES = ["image/jpeg", "image/png", "image/webp"] as const;

/** The most pixels an image may have (a 10 MB PNG can claim 30,000 × 30,000): decoding it would hold gigabytes. */
export const MAX_PIXELS = 50_000_000;

/** Refusals of the upload pipeline that reach a field as a sentence (translated by lib/validations/messages.ts). */
export const TOO_MANY_PIXELS = "The image has too many pixels: at most 50 megapixels (8,000 × 6,000, say).";
export const STORAGE_DOWN = "The image could not be saved: the file store is not answering. Nothing was saved; try again in a moment.";
