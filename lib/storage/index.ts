import "server-only";

import type { Storage } from "./contract";
import { LocalStorage } from "./local";
import { s3ConfigFromEnv, S3Storage } from "./s3";

export { StorageUnavailableError, type Storage, type StoredFile } from "./contract";
export { LocalStorage, uploadsDir } from "./local";
export { S3Storage, s3ConfigFromEnv } from "./s3";

/** STORAGE=s3 puts uploads in a bucket shared by every instance; local disk stays the default. */
export function storageFromEnv(env: Record<string, string | undefined> = process.env): Storage {
  const kind = env.STORAGE || "local";
  if (kind === "s3") return new S3Storage(s3ConfigFromEnv(env));
  if (kind === "local") return new LocalStorage();
  throw new Error(`STORAGE must be "local" or "s3", not "${kind}"`);
}

let storage: Storage | null = null;
export function getStorage(): Storage {
  storage ??= storageFromEnv();
  return storage;
}
