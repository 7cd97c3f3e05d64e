/**
 * A real S3-compatible server (s3rver) on 127.0.0.1, on a port the system picks, with one empty
 * bucket, for tests of the S3 storage and of several instances sharing uploads. Its files live
 * in a temporary folder removed on stop.
 */
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import S3rver from "s3rver";

/** s3rver's one account. */
export const S3RVER_KEY = { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" };

export type TestS3 = {
  endpoint: string;
  bucket: string;
  port: number;
  /** The variables an app instance needs to use this server (STORAGE=s3 and the S3_* settings). */
  env: Record<string, string>;
  stop: () => Promise<void>;
};

export async function startS3(opts: { port?: number; bucket?: string; directory?: string } = {}): Promise<TestS3> {
  const bucket = opts.bucket ?? "newsroom-uploads";
  const directory = opts.directory ?? mkdtempSync(path.join(os.tmpdir(), "newsroom-s3-"));
  const server = new S3rver({ address: "127.0.0.1", port: opts.port ?? 0, silent: true, directory, configureBuckets: [{ name: bucket }] });
  const { port } = await server.run();
  const endpoint = `http://127.0.0.1:${port}`;
  let stopped = false;
  return {
    endpoint,
    bucket,
    port,
    env: {
      STORAGE: "s3",
      S3_ENDPOINT: endpoint,
      S3_REGION: "us-east-1",
      S3_BUCKET: bucket,
      S3_ACCESS_KEY_ID: S3RVER_KEY.accessKeyId,
      S3_SECRET_ACCESS_KEY: S3RVER_KEY.secretAccessKey,
    },
    stop: async () => {
      if (stopped) return;
      stopped = true;
      await server.close();
      if (!opts.directory) rmSync(directory, { recursive: true, force: true });
    },
  };
}
