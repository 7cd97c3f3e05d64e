import { createServer, request as httpRequest, type IncomingHttpHeaders, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { gunzipSync, gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { createNotFoundPage, wantsServerNotFound, withServerNotFound } from "./not-found-page.mjs";

const SHELL = '<!DOCTYPE html><html id="__next_error__"><head></head><body><script nonce="abc">fill()</script></body></html>';
const PAGE =
  '<!DOCTYPE html><html lang="fr"><head><title>Page introuvable · Newsroom</title><script src="/_next/x.js" nonce="n1"></script></head><body><h1>Page introuvable</h1><p>Éditions récentes</p></body></html>';

/** A stand-in for Next: answers what the URL says, compressed or not, in one write or several. */
function next(res: ServerResponse, url: string) {
  const [, status, coding] = /^\/(\d+)\/(\w+)/.exec(url) ?? [];
  const body = Buffer.from(status === "200" ? "<html><body>Article</body></html>" : SHELL);
  res.setHeader("content-type", status === "404json" ? "application/json" : "text/html; charset=utf-8");
  res.setHeader("link", '</_next/x.js>; rel=preload; as="script"');
  if (coding === "gzip") {
    res.setHeader("content-encoding", "gzip");
    res.writeHead(Number(status));
    const z = gzipSync(body);
    res.write(z.subarray(0, 10));
    res.end(z.subarray(10));
  } else {
    res.writeHead(Number(status), { "content-length": String(body.length) });
    res.end(body);
  }
}

let server: Server;
let port = 0;
/** What createNotFoundPage gives: the page as one character a byte. */
const BYTES = Buffer.from(PAGE).toString("latin1");
let page: () => Promise<string | null> = async () => BYTES;

beforeAll(async () => {
  server = createServer((req, res) => {
    withServerNotFound(res, () => page());
    next(res, req.url ?? "/");
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

function get(path: string): Promise<{ status: number; headers: IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    const r = httpRequest({ host: "127.0.0.1", port, path }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => {
        const raw = Buffer.concat(chunks);
        const body = res.headers["content-encoding"] === "gzip" ? gunzipSync(raw) : raw;
        if (res.statusCode === 404) expect(Number(res.headers["content-length"])).toBe(raw.length);
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: body.toString("utf8") });
      });
    });
    r.on("error", reject);
    r.end();
  });
}

describe("withServerNotFound", () => {
  it("sends the drawn page in place of Next's empty 404 shell, with the 404 status, in Next's coding", async () => {
    page = async () => BYTES;
    for (const coding of ["identity", "gzip"]) {
      const r = await get(`/404/${coding}`);
      expect(r.status).toBe(404);
      expect(r.body).toBe(PAGE);
      expect(r.headers.link).toBeUndefined();
    }
  });

  it("keeps Next's answer when the page cannot be had, and passes any other answer as it is", async () => {
    page = async () => null;
    expect((await get("/404/gzip")).body).toBe(SHELL);
    page = () => Promise.reject(new Error("down"));
    expect((await get("/404/identity")).body).toBe(SHELL);
    page = async () => BYTES;
    const ok = await get("/200/gzip");
    expect(ok.status).toBe(200);
    expect(ok.body).toBe("<html><body>Article</body></html>");
    expect(ok.headers.link).toBeDefined();
  });
});

describe("createNotFoundPage", () => {
  it("takes the scripts and nonces out, keeps one page per Host while the public generation stays, and asks again after a failure", async () => {
    let generation: number | null = 7;
    const asked: string[] = [];
    let answer: { status: number; type: string; body: Buffer } | null = { status: 404, type: "text/html; charset=utf-8", body: Buffer.from(PAGE) };
    const notFound = createNotFoundPage({ fetchPage: async (host) => (asked.push(host), answer), generation: async () => generation });
    const html = await notFound("news.example");
    expect(Buffer.from(html!, "latin1").toString("utf8")).toBe(
      '<!DOCTYPE html><html lang="fr"><head><title>Page introuvable · Newsroom</title></head><body><h1>Page introuvable</h1><p>Éditions récentes</p></body></html>',
    );
    await Promise.all([notFound("news.example"), notFound("news.example")]);
    expect(asked).toEqual(["news.example"]);
    await notFound("other.example");
    expect(asked).toEqual(["news.example", "other.example"]);
    // A publication (or the site's language) moved the generation: asked again, at once.
    generation = 8;
    await notFound("news.example");
    expect(asked.filter((h) => h === "news.example")).toHaveLength(2);
    // Failures are not kept; with no generation known, nothing is.
    generation = 9;
    answer = { status: 500, type: "text/html", body: Buffer.from("oops") };
    expect(await notFound("news.example")).toBeNull();
    answer = { status: 404, type: "text/html", body: Buffer.from("<html><body><!--$?--><template></template></body></html>") };
    expect(await notFound("news.example")).toBeNull();
    generation = null;
    answer = { status: 404, type: "text/html", body: Buffer.from(PAGE) };
    await notFound("news.example");
    await notFound("news.example");
    expect(asked.filter((h) => h === "news.example")).toHaveLength(6);
  });

  it("is asked for readers' GET and HEAD only, never for the newsroom, the API, Next's paths or navigations", () => {
    const req = (url: string, method = "GET", headers: Record<string, string> = {}) => ({ url, method, headers }) as never;
    for (const url of ["/articles/nope", "/zzz", "/tags/x?page=9", "/preview/bad-token", "/newsroomx"]) expect(wantsServerNotFound(req(url)), url).toBe(true);
    expect(wantsServerNotFound(req("/articles/nope", "HEAD"))).toBe(true);
    for (const url of ["/newsroom/zzz", "/api/v1/x", "/_next/static/x.js", "/_not-found", "//newsroom/x"])
      expect(wantsServerNotFound(req(url)), url).toBe(false);
    expect(wantsServerNotFound(req("/articles/nope", "POST"))).toBe(false);
    expect(wantsServerNotFound(req("/articles/nope", "GET", { rsc: "1" }))).toBe(false);
  });
});
