import "server-only";

import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";

/**
 * Where uploaded files live. Local disk under UPLOADS_DIR (default ./.data/uploads) today;
 * an S3-compatible implementation can be added behind the same interface.
 */
export interface Storage {
  put(key: string, data: Buffer, contentType: string): Promise<{ url: string }>;
  get(key: string): Promise<{ data: Buffer; contentType: string } | null>;
}

const KEY = /^[a-z0-9][a-z0-9._-]{0,120}$/;
const TYPES: Record<string, string> = { ".webp": "image/webp", ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".png": "image/png" };

export function uploadsDir(): string {
  return process.env.UPLOADS_DIR || path.join(process.cwd(), ".data", "uploads");
}

export class LocalStorage implements Storage {
  constructor(private readonly dir = uploadsDir()) {}

  async put(key: string, data: Buffer): Promise<{ url: string }> {
    if (!KEY.test(key)) throw new Error(`Invalid storage key ${key}`);
    await mkdir(this.dir, { recursive: true });
    await writeFile(path.join(/*turbopackIgnore: true*/ this.dir, key), data);
    return { url: `/uploads/${key}` };
  }

  async get(key: string) {
    if (!KEY.test(key)) return null;
    try {
      const data = await readFile(path.join(/*turbopackIgnore: true*/ this.dir, key));
      return { data, contentType: TYPES[path.extname(key)] ?? "application/octet-stream" };
    } catch {
      return null;
    }
  }
}

let storage: Storage | null = null;
export function getStorage(): Storage {
  storage ??= new LocalStorage();
  return storage;
}
