/** The largest image accepted (profile photos, editor and featured images), checked in the browser and on the server. */
export const MAX_IMAGE_BYTES = 10 * 1024 * 1024;
