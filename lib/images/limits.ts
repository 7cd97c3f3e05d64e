/** The largest image accepted (profile photos, editor and featured images), checked in the browser and on the server. */
export const MAX_IMAGE_BYTES = 10 * 1024 * 1024;

/** The image types the upload pipeline takes (it checks the content itself on the server). */
export const ACCEPTED_IMAGE_TYPES = ["image/jpeg", "image/png", "image/webp"] as const;
