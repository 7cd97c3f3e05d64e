/**
 * One contract for every uploads store, run on local disk and on a real S3-compatible server
 * (s3rver on 127.0.0.1), plus what each does when its store is out of reach or refuses us.
 */
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { startS3, type TestS3 } from "@/testing/s3";

import { LocalStorage, s3ConfigFromEnv, S3Storage, storageFromEnv, StorageUnavailableError, type Storage } from ".";

let s3: TestS3;
const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), "newsroom-storage-"));
  dirs.push(dir);
  return dir;
};
const s3Storage = (env: Record<string, string> = {}) => new S3Storage(s3ConfigFromEnv({ ...s3.env, ...env }));

beforeAll(async () => {
  s3 = await startS3();
});
afterAll(async () => {
  await s3?.stop();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

const webp = Buffer.concat([Buffer.from("RIFF\x10\x00\x00\x00WEBPVP8 ", "latin1"), Buffer.alloc(4096, 7)]);
let n = 0;
const freshKey = (ext = "webp") => `${Date.now().toString(36)}-contract${++n}.${ext}`;

describe.each([
  ["local disk", () => new LocalStorage(tempDir()) as Storage],
  ["S3 (s3rver)", () => s3Storage() as Storage],
])("uploads store contract: %s", (_name, make) => {
  it("gives back exactly the bytes and type it stored, under /uploads/<key>", async () => {
    const store = make();
    const key = freshKey();
    expect(await store.put(key, webp, "image/webp")).toEqual({ url: `/uploads/${key}` });
    const got = await store.get(key);
    expect(got?.contentType).toBe("image/webp");
    expect(got?.data.equals(webp)).toBe(true);
  });

  it("answers null for a key it never stored", async () => {
    expect(await make().get(freshKey())).toBeNull();
  });

  it("refuses keys that could name anything but one flat object", async () => {
    const store = make();
    for (const key of ["../etc/passwd", "a/b.webp", "", ".hidden", "UPPER.webp", "x".repeat(200)]) {
      await expect(store.put(key, webp, "image/webp")).rejects.toThrow(/Invalid storage key/);
      expect(await store.get(key)).toBeNull();
    }
  });

  it("keeps many objects apart", async () => {
    const store = make();
    const keys = Array.from({ length: 5 }, () => freshKey());
    await Promise.all(keys.map((key, i) => store.put(key, Buffer.from(`object ${i}`), "image/webp")));
    const got = await Promise.all(keys.map((key) => store.get(key)));
    expect(got.map((g) => g?.data.toString())).toEqual(keys.map((_, i) => `object ${i}`));
  });
});

describe("S3 store refusing or out of reach", () => {
  // s3rver checks the access key but not SigV4 signatures, so a wrong key is shown with a wrong key id.
  it("a wrong access key is a clear StorageUnavailableError, and nothing is stored", async () => {
    const key = freshKey();
    const wrong = s3Storage({ S3_ACCESS_KEY_ID: "NOT-OUR-KEY" });
    const error = await wrong.put(key, webp, "image/webp").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StorageUnavailableError);
    expect((error as Error).message).toMatch(
      /^Uploads storage is unavailable: bucket newsroom-uploads at http:\/\/127\.0\.0\.1:\d+ answered InvalidAccessKeyId \(HTTP 403\)$/,
    );
    expect(await s3Storage().get(key)).toBeNull();
    await expect(wrong.get(key)).rejects.toThrow(/answered InvalidAccessKeyId/);
  });

  it("a missing bucket is refused the same way, on read too (not taken for a missing image)", async () => {
    const noBucket = s3Storage({ S3_BUCKET: "no-such-bucket" });
    await expect(noBucket.put(freshKey(), webp, "image/webp")).rejects.toThrow(/answered NoSuchBucket/);
    await expect(noBucket.get(freshKey())).rejects.toThrow(/answered NoSuchBucket/);
  });

  it("a store that is down fails fast with StorageUnavailableError on write and on read", async () => {
    const down = await startS3();
    const store = new S3Storage(s3ConfigFromEnv(down.env));
    const key = freshKey();
    await store.put(key, webp, "image/webp");
    await down.stop();
    const started = Date.now();
    await expect(store.put(freshKey(), webp, "image/webp")).rejects.toThrow(/cannot be reached \(ECONNREFUSED\)/);
    await expect(store.get(key)).rejects.toBeInstanceOf(StorageUnavailableError);
    expect(Date.now() - started).toBeLessThan(10_000);
  });
});

describe("local store that cannot write", () => {
  it("a folder it cannot create is a StorageUnavailableError and leaves no partial file", async () => {
    const parent = tempDir();
    const blocker = path.join(parent, "not-a-folder");
    writeFileSync(blocker, "a file where the uploads folder should be");
    const store: Storage = new LocalStorage(path.join(blocker, "uploads"));
    await expect(store.put(freshKey(), webp, "image/webp")).rejects.toBeInstanceOf(StorageUnavailableError);
    expect(readdirSync(parent)).toEqual(["not-a-folder"]);
  });
});

describe("choosing the store from the environment", () => {
  it("local disk by default, S3 with STORAGE=s3", () => {
    expect(storageFromEnv({})).toBeInstanceOf(LocalStorage);
    expect(storageFromEnv({ ...s3.env })).toBeInstanceOf(S3Storage);
  });

  it("one clear line for each missing or wrong setting", () => {
    expect(() => storageFromEnv({ STORAGE: "ftp" })).toThrow('STORAGE must be "local" or "s3", not "ftp"');
    expect(() => storageFromEnv({ STORAGE: "s3" })).toThrow("STORAGE=s3 needs S3_BUCKET");
    expect(() => storageFromEnv({ STORAGE: "s3", S3_BUCKET: "b", S3_ACCESS_KEY_ID: "k" })).toThrow("S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY go together");
  });

  it("path-style URLs by default with an endpoint, virtual-host style on AWS itself", () => {
    expect(s3ConfigFromEnv({ S3_BUCKET: "b", S3_ENDPOINT: "http://127.0.0.1:9000" }).forcePathStyle).toBe(true);
    expect(s3ConfigFromEnv({ S3_BUCKET: "b" })).toMatchObject({ forcePathStyle: false, region: "us-east-1" });
    expect(s3ConfigFromEnv({ S3_BUCKET: "b", S3_ENDPOINT: "http://x", S3_FORCE_PATH_STYLE: "false" }).forcePathStyle).toBe(false);
  });
});
