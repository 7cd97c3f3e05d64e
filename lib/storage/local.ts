import "server-only";

import { randomBytes } from "node:crypto";
import { mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";

import { StorageUnavailableError, type Storage, type StoredFile } from "./contract";
import { contentTypeOf, isStorageKey } from "./keys";

export function uploadsDir(): string {
  return process.env.UPLOADS_DIR || path.join(process.cwd(), ".data", "uploads");
}

/** Uploads on this machine's disk (the default): fine for one instance, not shared between several. */
export class LocalStorage implements Storage {
  constructor(private readonly dir = uploadsDir()) {}

  async put(key: string, data: Buffer): Promise<{ url: string }> {
    if (!isStorageKey(key)) throw new Error(`Invalid storage key ${key}`);
    const target = path.join(/*turbopackIgnore: true*/ this.dir, key);
    // Written beside the target, then renamed: a reader never sees half a file, and a failed
    // write leaves nothing under the key.
    const temp = `${target}.${randomBytes(4).toString("hex")}.part`;
    try {
      await mkdir(this.dir, { recursive: true });
      await writeFile(temp, data);
      await rename(temp, target);
    } catch (error) {
      await rm(temp, { force: true }).catch(() => {});
      throw new StorageUnavailableError(`the uploads folder ${this.dir} is not writable`, { cause: error });
    }
    return { url: `/uploads/${key}` };
  }

  async get(key: string): Promise<StoredFile | null> {
    if (!isStorageKey(key) || key.endsWith(".part")) return null;
    try {
      const data = await readFile(path.join(/*turbopackIgnore: true*/ this.dir, key));
      return { data, contentType: contentTypeOf(key) };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
      throw new StorageUnavailableError(`the uploads folder ${this.dir} cannot be read`, { cause: error });
    }
  }
}
