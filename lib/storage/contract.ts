/**
 * Where uploaded files live. Keys are immutable (a new upload gets a new random key), so an
 * implementation only has to store, and give back, whole objects.
 */
export type StoredFile = { data: Buffer; contentType: string };

export interface Storage {
  /** Stores the whole object or throws StorageUnavailableError: never half of it. */
  put(key: string, data: Buffer, contentType: string): Promise<{ url: string }>;
  /** The object, null when there is none under the key, or StorageUnavailableError when the store cannot answer. */
  get(key: string): Promise<StoredFile | null>;
}

/** The store cannot be reached or refuses us (down, wrong credentials, missing bucket, full disk). */
export class StorageUnavailableError extends Error {
  constructor(reason: string, options?: { cause?: unknown }) {
    super(`Uploads storage is unavailable: ${reason}`, options);
    this.name = "StorageUnavailableError";
  }
}
