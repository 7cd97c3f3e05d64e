import "server-only";

import { GetObjectCommand, PutObjectCommand, S3Client, S3ServiceException } from "@aws-sdk/client-s3";

import { StorageUnavailableError, type Storage, type StoredFile } from "./contract";
import { contentTypeOf, isStorageKey } from "./keys";

type Env = Record<string, string | undefined>;

export type S3Config = {
  endpoint?: string;
  region: string;
  bucket: string;
  accessKeyId?: string;
  secretAccessKey?: string;
  forcePathStyle: boolean;
};

/** Reads the S3 settings from the environment; throws one line naming what is missing. */
export function s3ConfigFromEnv(env: Env = process.env): S3Config {
  const bucket = env.S3_BUCKET;
  if (!bucket) throw new Error("STORAGE=s3 needs S3_BUCKET (the bucket that holds the uploads)");
  const accessKeyId = env.S3_ACCESS_KEY_ID || undefined;
  const secretAccessKey = env.S3_SECRET_ACCESS_KEY || undefined;
  if (Boolean(accessKeyId) !== Boolean(secretAccessKey)) throw new Error("S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY go together: set both or neither");
  const endpoint = env.S3_ENDPOINT || undefined;
  const pathStyle = env.S3_FORCE_PATH_STYLE;
  return {
    endpoint,
    region: env.S3_REGION || "us-east-1",
    bucket,
    accessKeyId,
    secretAccessKey,
    // S3-compatible services on their own host name (MinIO, s3rver, Ceph…) mostly want /bucket/key URLs.
    forcePathStyle: pathStyle === undefined || pathStyle === "" ? Boolean(endpoint) : pathStyle === "true" || pathStyle === "1",
  };
}

/**
 * Uploads in an S3-compatible bucket, shared by every instance. Objects are private: the app's
 * /uploads/<key> route reads them back, so image URLs and the page's security policy stay the
 * same whichever store is used.
 */
export class S3Storage implements Storage {
  private readonly client: S3Client;

  constructor(private readonly config: S3Config) {
    this.client = new S3Client({
      endpoint: config.endpoint,
      region: config.region,
      forcePathStyle: config.forcePathStyle,
      credentials: config.accessKeyId && config.secretAccessKey ? { accessKeyId: config.accessKeyId, secretAccessKey: config.secretAccessKey } : undefined,
      // An editor waits on the upload: a store that does not answer is an error within seconds,
      // not a hung request. One retry covers a dropped connection.
      maxAttempts: 2,
      requestHandler: { connectionTimeout: 3_000, requestTimeout: 20_000 },
      // Plain Content-MD5-free requests that every S3-compatible service accepts.
      requestChecksumCalculation: "WHEN_REQUIRED",
      responseChecksumValidation: "WHEN_REQUIRED",
    });
  }

  async put(key: string, data: Buffer, contentType: string): Promise<{ url: string }> {
    if (!isStorageKey(key)) throw new Error(`Invalid storage key ${key}`);
    try {
      // One PUT: S3 stores the whole object or nothing.
      await this.client.send(
        new PutObjectCommand({
          Bucket: this.config.bucket,
          Key: key,
          Body: data,
          ContentType: contentType,
          ContentLength: data.length,
          CacheControl: "public, max-age=31536000, immutable",
        }),
      );
    } catch (error) {
      throw new StorageUnavailableError(this.describe(error), { cause: error });
    }
    return { url: `/uploads/${key}` };
  }

  async get(key: string): Promise<StoredFile | null> {
    if (!isStorageKey(key)) return null;
    try {
      const out = await this.client.send(new GetObjectCommand({ Bucket: this.config.bucket, Key: key }));
      if (!out.Body) return null;
      return { data: Buffer.from(await out.Body.transformToByteArray()), contentType: out.ContentType || contentTypeOf(key) };
    } catch (error) {
      if (error instanceof S3ServiceException && error.name !== "NoSuchBucket" && (error.name === "NoSuchKey" || error.$metadata.httpStatusCode === 404))
        return null;
      throw new StorageUnavailableError(this.describe(error), { cause: error });
    }
  }

  close(): void {
    this.client.destroy();
  }

  private describe(error: unknown): string {
    const where = `bucket ${this.config.bucket}${this.config.endpoint ? ` at ${this.config.endpoint}` : ""}`;
    if (error instanceof S3ServiceException) return `${where} answered ${error.name} (HTTP ${error.$metadata.httpStatusCode ?? "?"})`;
    const code = (error as NodeJS.ErrnoException)?.code;
    return `${where} cannot be reached${code ? ` (${code})` : ""}`;
  }
}
