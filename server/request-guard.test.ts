import { createServer, request as httpRequest, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { encode } from "@auth/core/jwt";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { LIMITS } from "@/lib/validations/article";

import { BODY_LIMITS, createRequestGuard, jsonDepthScanner, MAX_ACTION_DEPTH, uploadActionIdsFrom } from "./request-guard.mjs";

/**
 * The guard in front of Next (server/serve.mjs), on a real HTTP server: what it refuses never
 * reaches the handler, and a refused body is answered before it is sent.
 */
const SECRET = "guard-test-secret-0123456789-abcdefgh";
const UPLOAD_ID = "40aa11";
const OTHER_ID = "40bb22";
const env: Record<string, string | undefined> = { AUTH_SECRET: SECRET };
let server: Server;
let port = 0;
let reached: { url: string; headers: Record<string, unknown>; bytes: number }[] = [];
/** Requests the guard let through (whether or not their body ended). */
let entered = 0;
let session = "";

beforeAll(async () => {
  const guard = createRequestGuard({
    env,
    uploadActionIds: uploadActionIdsFrom({ node: { [UPLOAD_ID]: { exportedName: "uploadImageAction" }, [OTHER_ID]: { exportedName: "saveArticleAction" } } }),
  });
  server = createServer((req, res) => {
    // `/late`: the guard runs once the whole body is buffered, as when a session check took a moment.
    const late = req.url === "/late" ? new Promise((r) => setTimeout(r, 150)) : Promise.resolve();
    late
      .then(() => Promise.resolve(guard(req, res)))
      .then((refused) => {
        if (refused) return;
        entered++;
        let bytes = 0;
        req.on("data", (c: Buffer) => (bytes += c.length));
        req.on("end", () => {
          // What the page cache sees when it stores a response: the headers before the head is written.
          reached.push({ url: req.url ?? "", headers: { ...res.getHeaders() }, bytes });
          res.writeHead(200, { "content-type": "text/plain" });
          res.end("handled");
        });
      });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  port = (server.address() as AddressInfo).port;
  const token = await encode({
    token: { uid: "00000000-0000-4000-8000-000000000001", sv: 1, sub: "x" },
    secret: SECRET,
    salt: "authjs.session-token",
    maxAge: 3600,
  });
  session = `authjs.session-token=${token}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

type Reply = { status: number; headers: IncomingHttpHeaders; body: string };
/** A raw request; `send` bytes of body are written (Content-Length may claim more), then we wait for the answer. */
function send(opts: { method?: string; path?: string; headers?: Record<string, string>; send?: number; chunked?: boolean; body?: string }): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { host: `127.0.0.1:${port}`, ...opts.headers };
    const req = httpRequest({ host: "127.0.0.1", port, method: opts.method ?? "POST", path: opts.path ?? "/newsroom", headers }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (c) => (body += c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on("error", reject);
    if (opts.chunked) req.setHeader("transfer-encoding", "chunked");
    if (opts.body !== undefined) return req.end(opts.body);
    if (opts.send) req.write(Buffer.alloc(opts.send, 120));
    // Only a complete body is ended: a refused one is answered while the rest is still unsent.
    if (!headers["content-length"] || Number(headers["content-length"]) === (opts.send ?? 0)) req.end();
  });
}
const same = { "sec-fetch-site": "same-origin" };
const post = (bytes: number, headers: Record<string, string> = {}) => send({ headers: { ...same, "content-length": String(bytes), ...headers }, send: bytes });

describe("request guard: same origin for requests that change data", () => {
  it("refuses a server action or form post with neither Origin nor Sec-Fetch-Site, or not same-origin", async () => {
    reached = [];
    const refused: [string, Record<string, string>, string?][] = [
      ["nothing", { "next-action": OTHER_ID }],
      ["no header, form post", { "content-type": "multipart/form-data; boundary=x" }],
      ["cross-site", { "next-action": OTHER_ID, "sec-fetch-site": "cross-site" }],
      ["same-site", { "sec-fetch-site": "same-site" }],
      ["none", { "sec-fetch-site": "none" }],
      ["own Origin, cross-site fetch", { origin: `http://127.0.0.1:${port}`, "sec-fetch-site": "cross-site" }],
      ["foreign Origin", { origin: "https://evil.example" }],
      ["look-alike Origin", { origin: `http://127.0.0.1:${port}.evil.example` }],
      ["Origin null", { origin: "null" }],
      ["route handler", {}, "/api/test-hooks/articles"],
      ["PUT", {}, "/newsroom"],
    ];
    for (const [name, headers, path] of refused) {
      const r = await send({ method: name === "PUT" ? "PUT" : "POST", path, headers });
      expect(r.status, name).toBe(403);
      expect(r.body, name).toContain("same origin");
    }
    expect(reached).toEqual([]);
  });

  it("lets through what browsers send from our pages, safe methods, and Auth.js (its own CSRF token)", async () => {
    reached = [];
    const tries: Record<string, string>[] = [
      same,
      { ...same, origin: "http://127.0.0.1:1" },
      { origin: `http://127.0.0.1:${port}` },
      { origin: "https://news.example", "x-forwarded-host": "news.example" },
    ];
    for (const headers of tries) {
      expect((await send({ headers: { "next-action": OTHER_ID, ...headers } })).status, JSON.stringify(headers)).toBe(200);
    }
    expect((await send({ method: "GET", path: "/" })).status).toBe(200);
    expect((await send({ path: "/api/auth/callback/credentials" })).status).toBe(200);
    expect(reached).toHaveLength(6);
  });

  it("test-only routes skip the check only when E2E_TEST_HOOKS=1", async () => {
    expect((await send({ path: "/api/test-hooks/security" })).status).toBe(403);
    env.E2E_TEST_HOOKS = "1";
    try {
      expect((await send({ path: "/api/test-hooks/security" })).status).toBe(200);
    } finally {
      delete env.E2E_TEST_HOOKS;
    }
  });
});

describe("request guard: body size, decided from Content-Length before the body is read", () => {
  it("answers 413 to a signed-out body over 64 KB before it is sent (the client has sent 1 KB of a claimed 10 MB)", async () => {
    reached = [];
    const tries: Record<string, string>[] = [
      {},
      { cookie: "authjs.session-token=forged" },
      { cookie: `${session.slice(0, -4)}AAAA` },
      { "next-action": UPLOAD_ID },
    ];
    for (const headers of tries) {
      const r = await send({ headers: { ...same, "content-length": String(10 * 1024 * 1024), ...headers }, send: 1024 });
      expect(r.status, JSON.stringify(headers)).toBe(413);
      expect(r.body).toContain("too large");
      expect(r.body).toContain("without a session");
    }
    // Over the upload size, signed in or not, without even reading the cookie.
    expect((await send({ headers: { ...same, cookie: session, "content-length": String(100 * 1024 * 1024) }, send: 1024 })).status).toBe(413);
    // Auth.js routes too (sign-in is a few hundred bytes).
    expect((await post(BODY_LIMITS.signedOut + 1, { "content-type": "application/x-www-form-urlencoded" })).status).toBe(413);
    expect(reached).toEqual([]);
    expect((await post(BODY_LIMITS.signedOut)).status).toBe(200);
  });

  it("gives a signed-in user the article-save size, and the upload size only for the upload actions", async () => {
    reached = [];
    const MB = 1024 * 1024;
    expect((await post(4 * MB, { cookie: session, "next-action": OTHER_ID })).status).toBe(200);
    expect((await post(5 * MB, { cookie: session, "next-action": OTHER_ID })).status).toBe(413);
    expect((await post(5 * MB, { cookie: session })).status).toBe(413);
    expect((await post(11 * MB, { cookie: session, "next-action": UPLOAD_ID })).status).toBe(200);
    expect((await post(13 * MB, { cookie: session, "next-action": UPLOAD_ID })).status).toBe(413);
    expect(reached.map((r) => r.bytes)).toEqual([4 * MB, 11 * MB]);
  });

  it("counts a body without Content-Length (chunked, as Next forwards an action) and cuts it at the limit with 413", async () => {
    reached = [];
    const small = await send({ headers: { ...same }, chunked: true, send: 10 * 1024 });
    expect(small.status).toBe(200);
    const signedIn = await send({ headers: { ...same, cookie: session }, chunked: true, send: 1024 * 1024 });
    expect(signedIn.status).toBe(200);
    expect(reached.map((r) => r.bytes)).toEqual([10 * 1024, 1024 * 1024]);
    // Over the limit: answered while the client is still sending; the handler never gets the whole body.
    const big = await new Promise<Reply>((resolve, reject) => {
      const req = httpRequest({ host: "127.0.0.1", port, method: "POST", path: "/newsroom", headers: { ...same, "transfer-encoding": "chunked" } }, (res) => {
        let body = "";
        res.setEncoding("utf8");
        res.on("data", (c) => (body += c));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      });
      req.on("error", reject);
      for (let i = 0; i < 8; i++) req.write(Buffer.alloc(16 * 1024, 120));
    });
    expect(big.status).toBe(413);
    expect(big.body).toContain("too large");
    expect(reached).toHaveLength(2);
  });

  it("a body already refused when the guard looks (buffered meanwhile) is answered and never handed on", async () => {
    const before = entered;
    const deep = `[${"[".repeat(30_000)}${"]".repeat(30_000)}]`;
    const headers = { ...same, "next-action": OTHER_ID, "content-length": String(deep.length) };
    const r = await send({ path: "/late", headers, body: deep });
    expect(r.status).toBe(400);
    expect(r.body).toContain("nested too deeply");
    expect(entered).toBe(before);
  });

  it("the signed-in limit fits the largest article save the editor sends (a 2 MB body of characters JSON escapes twice)", () => {
    // The editor sends the body as JSON text inside the JSON array of arguments (article-editor.tsx).
    const text = { type: "text", text: '"\\'.repeat(1000) };
    const one = Buffer.byteLength(JSON.stringify({ type: "paragraph", content: [text] })) + 1;
    const body = JSON.stringify({ type: "doc", content: Array(Math.floor((LIMITS.bodyBytes - 100) / one)).fill({ type: "paragraph", content: [text] }) });
    expect(Buffer.byteLength(body)).toBeGreaterThan(LIMITS.bodyBytes - 8200);
    expect(Buffer.byteLength(body)).toBeLessThanOrEqual(LIMITS.bodyBytes);
    const changes = {
      headline: "é".repeat(LIMITS.headline),
      dek: "é".repeat(LIMITS.dek),
      highlights: Array(LIMITS.highlights).fill("é".repeat(LIMITS.highlight)),
      tags: Array(LIMITS.tags).fill("é".repeat(LIMITS.tag)),
      body,
    };
    const sent = Buffer.byteLength(JSON.stringify([{ id: "00000000-0000-4000-8000-000000000001", expectedVersion: 1, saveId: "x".repeat(36), changes }]));
    expect(sent).toBeGreaterThan(3.9 * 1024 * 1024);
    expect(sent).toBeLessThan(BODY_LIMITS.signedIn);
  });
});

describe("request guard: nesting of server-action arguments, measured as the bytes pass", () => {
  it("a scanner over chunks counts brackets outside strings, escapes and multi-byte characters included", () => {
    const deep = (n: number) => Buffer.from(`${"[".repeat(n)}${"]".repeat(n)}`);
    const scan = (max: number, ...chunks: Buffer[]) => {
      const s = jsonDepthScanner(max);
      return chunks.some((c) => s(c));
    };
    expect(scan(3, deep(3))).toBe(false);
    expect(scan(3, deep(4))).toBe(true);
    expect(scan(3, Buffer.from('["[[[[\\"[[[[", "é[[[[{{{{"]'))).toBe(false);
    // Split anywhere, even inside an escape: the same answer.
    const text = Buffer.from('[[{"a":"x\\"[[[["}]]');
    for (let i = 1; i < text.length; i++) expect(scan(3, text.subarray(0, i), text.subarray(i)), String(i)).toBe(false);
    expect(scan(2, text.subarray(0, 5), text.subarray(5))).toBe(true);
  });

  it("answers 400 to an action nested 30,000 levels before it reaches Next; a deep string or an upload's bytes are not counted", async () => {
    reached = [];
    const deep = `[${"[".repeat(30_000)}${"]".repeat(30_000)}]`;
    const action = (body: string, headers: Record<string, string> = {}) =>
      send({ headers: { ...same, "next-action": OTHER_ID, "content-length": String(Buffer.byteLength(body)), ...headers }, body });
    for (const cookie of ["", session]) {
      const r = await action(deep, { cookie });
      expect(r.status).toBe(400);
      expect(r.body).toContain("nested too deeply");
    }
    expect(reached).toEqual([]);
    const ok = `${"[".repeat(MAX_ACTION_DEPTH)}${"]".repeat(MAX_ACTION_DEPTH)}`;
    expect((await action(ok)).status).toBe(200);
    // The editor sends the body as a JSON string: brackets inside strings do not count.
    expect((await action(JSON.stringify([{ body: deep }]))).status).toBe(200);
    expect((await action(deep, { "next-action": UPLOAD_ID, cookie: session })).status).toBe(200);
  });
});

describe("request guard: HSTS only over HTTPS", () => {
  it("none over plain HTTP, nor when a client claims X-Forwarded-Proto without TRUST_PROXY", async () => {
    for (const headers of [{}, { "x-forwarded-proto": "https" }] as Record<string, string>[]) {
      const r = await send({ method: "GET", path: "/", headers });
      expect(r.headers["strict-transport-security"]).toBeUndefined();
    }
  });

  it("sent behind a trusted proxy that says https, not for http; HSTS_DISABLE=1 turns it off; never stored with a page", async () => {
    env.TRUST_PROXY = "1";
    try {
      reached = [];
      const https = await send({ method: "GET", path: "/", headers: { "x-forwarded-proto": "https" } });
      expect(https.headers["strict-transport-security"]).toBe("max-age=63072000; includeSubDomains");
      expect(reached[0].headers["strict-transport-security"]).toBeUndefined();
      expect((await send({ method: "GET", path: "/", headers: { "x-forwarded-proto": "http" } })).headers["strict-transport-security"]).toBeUndefined();
      env.HSTS_DISABLE = "1";
      expect((await send({ method: "GET", path: "/", headers: { "x-forwarded-proto": "https" } })).headers["strict-transport-security"]).toBeUndefined();
    } finally {
      delete env.TRUST_PROXY;
      delete env.HSTS_DISABLE;
    }
    env.TRUST_PROXY = "false";
    try {
      expect((await send({ method: "GET", path: "/", headers: { "x-forwarded-proto": "https" } })).headers["strict-transport-security"]).toBeUndefined();
    } finally {
      delete env.TRUST_PROXY;
    }
  });
});
