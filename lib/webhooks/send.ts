import http from "node:http";
import https from "node:https";
import { isIP } from "node:net";

import { allowPrivate, BlockedAddressError, guardedLookup, isPrivateAddress } from "./ssrf";

export type SendResult = { statusCode: number | null; latencyMs: number; error: string | null };

export const WEBHOOK_TIMEOUT_MS = 10_000;

/**
 * POSTs one signed payload. Redirects are not followed (a 3xx is a failed attempt: a redirect
 * could lead anywhere, the private network included), the whole exchange is capped at
 * `timeoutMs`, and the answer's body is read and dropped (up to 64 KB).
 */
export function postWebhook(target: string, headers: Record<string, string>, body: string, timeoutMs = WEBHOOK_TIMEOUT_MS): Promise<SendResult> {
  const started = performance.now();
  const done = (statusCode: number | null, error: string | null): SendResult => ({ statusCode, latencyMs: Math.round(performance.now() - started), error });
  let url: URL;
  try {
    url = new URL(target);
  } catch {
    return Promise.resolve(done(null, "not a valid URL"));
  }
  const host = url.hostname.replace(/^\[|\]$/g, "");
  // An address in the URL is never looked up: check it here.
  if (isIP(host) && !allowPrivate() && isPrivateAddress(host)) return Promise.resolve(done(null, new BlockedAddressError(host, host).message));
  const client = url.protocol === "https:" ? https : url.protocol === "http:" ? http : null;
  if (!client) return Promise.resolve(done(null, "only http and https URLs are allowed"));
  return new Promise((resolve) => {
    const signal = AbortSignal.timeout(timeoutMs);
    const req = client.request(
      url,
      {
        method: "POST",
        headers: { ...headers, "content-type": "application/json", "content-length": String(Buffer.byteLength(body)), "user-agent": "Newsroom-Webhooks/1" },
        lookup: guardedLookup as unknown as typeof import("node:dns").lookup,
        signal,
      },
      (res) => {
        let read = 0;
        res.on("data", (chunk: Buffer) => {
          read += chunk.length;
          if (read > 65_536) res.destroy();
        });
        res.on("end", () => resolve(done(res.statusCode ?? null, null)));
        res.on("close", () => resolve(done(res.statusCode ?? null, null)));
        res.on("error", () => resolve(done(res.statusCode ?? null, null)));
      },
    );
    req.on("error", (error: Error) => {
      const message = signal.aborted ? `no answer within ${timeoutMs / 1000} s` : error.message;
      resolve(done(null, message.slice(0, 500)));
    });
    req.end(body);
  });
}
