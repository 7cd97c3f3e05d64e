/** Storage keys are the random names the upload code makes: no slashes, no dot-dot, no surprises. */
const KEY = /^[a-z0-9][a-z0-9._-]{0,120}$/;

const TYPES: Record<string, string> = { ".webp": "image/webp", ".avif": "image/avif", ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".png": "image/png" };

export function isStorageKey(key: string): boolean {
  return KEY.test(key) && !key.includes("..");
}

export function contentTypeOf(key: string): string {
  const dot = key.lastIndexOf(".");
  return (dot === -1 ? undefined : TYPES[key.slice(dot)]) ?? "application/octet-stream";
}
