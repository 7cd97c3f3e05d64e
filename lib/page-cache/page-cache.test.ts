import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { gunzipSync, gzipSync } from "node:zlib";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { cacheKey, createPageCache, freshReader } from "./page-cache.mjs";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("cacheKey", () => {
  const req = (url: string, headers: Record<string, string> = {}, method = "GET") => ({ url, method, headers: { host: "news.example", ...headers } }) as unknown as IncomingMessage;

  it("takes the public pages, feeds and sitemaps", () => {
    for (const url of ["/", "/articles/la-chine-nie", "/authors/claire-martin", "/authors/claire-martin/feed.xml", "/tags/apt41", "/tags/apt41/feed.xml", "/sections/international", "/search?q=chine", "/feed.xml", "/sitemap.xml", "/news-sitemap.xml", "/robots.txt", "/?page=2"]) {
      expect(cacheKey(req(url)), url).not.toBeNull();
    }
  });

  it("leaves the newsroom, sign-in, API, uploads, assets and client navigation to Next", () => {
    for (const url of ["/newsroom", "/newsroom/articles/1", "/login", "/set-password", "/api/health", "/api/auth/session", "/uploads/a.webp", "/_next/static/chunks/x.js", "/articles/a/b", "/favicon.ico"]) {
      expect(cacheKey(req(url)), url).toBeNull();
    }
    expect(cacheKey(req("/articles/a", { rsc: "1" }))).toBeNull();
    expect(cacheKey(req("/articles/a", { "next-router-prefetch": "1" }))).toBeNull();
    expect(cacheKey(req("/articles/a?_rsc=abc"))).toBeNull();
    expect(cacheKey(req("/articles/a", {}, "POST"))).toBeNull();
    expect(cacheKey(req("/articles/a", { "next-action": "x" }))).toBeNull();
  });

  it("keeps hosts, forwarded origins, encodings and queries apart", () => {
    const keys = new Set([
      cacheKey(req("/articles/a")),
      cacheKey(req("/articles/a", { host: "other.example" })),
      cacheKey(req("/articles/a", { "x-forwarded-proto": "https" })),
      cacheKey(req("/articles/a", { "x-forwarded-host": "cdn.example" })),
      cacheKey(req("/articles/a", { "accept-encoding": "gzip, deflate" })),
      cacheKey(req("/articles/a?x=1")),
    ]);
    expect(keys.size).toBe(6);
    expect(cacheKey(req("/articles/a", { "accept-encoding": "gzip" }))).toBe(cacheKey(req("/articles/a", { "accept-encoding": "deflate, gzip" })));
  });
});

describe("freshReader", () => {
  it("answers every caller with a read that started after it called, one read at a time", async () => {
    let value = 0;
    let inFlight = 0;
    let maxInFlight = 0;
    const starts: number[] = [];
    const read = freshReader(async () => {
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      starts.push(performance.now());
      const v = ++value;
      await sleep(5);
      inFlight--;
      return v;
    });
    const first = read();
    await sleep(1);
    const calledAt = performance.now();
    const [a, b, c] = await Promise.all([read(), read(), read()]);
    expect(await first).toBe(1);
    // The three later callers share the second read, which started after they called.
    expect([a, b, c]).toEqual([2, 2, 2]);
    expect(starts[1]).toBeGreaterThanOrEqual(calledAt);
    expect(maxInFlight).toBe(1);
    expect(value).toBe(2);
  });

  it("spaces reads by the interval and passes errors on to their callers only", async () => {
    let n = 0;
    const starts: number[] = [];
    const read = freshReader(async () => {
      starts.push(performance.now());
      n++;
      if (n === 2) throw new Error("database down");
      return n;
    }, 20);
    expect(await read()).toBe(1);
    await expect(read()).rejects.toThrow("database down");
    expect(await read()).toBe(3);
    expect(starts[1] - starts[0]).toBeGreaterThanOrEqual(18);
    expect(starts[2] - starts[1]).toBeGreaterThanOrEqual(18);
  });
});

describe("createPageCache over HTTP", () => {
  let server: Server | null = null;
  afterEach(async () => {
    server?.closeAllConnections();
    await new Promise<void>((r) => (server ? server.close(() => r()) : r()));
    server = null;
  });

  type App = (req: IncomingMessage, res: ServerResponse) => void;
  async function serve(opts: { generation: () => number; app: App; ttlMs?: number; maxBytes?: number; now?: () => number }) {
    let renders = 0;
    const cache = createPageCache({
      readGeneration: () => Promise.resolve(opts.generation()),
      ttlMs: opts.ttlMs,
      maxBytes: opts.maxBytes,
      checkIntervalMs: 0,
      now: opts.now,
    });
    server = createServer((req, res) => {
      void cache.handle(req, res, () => {
        renders++;
        opts.app(req, res);
      });
    });
    await new Promise<void>((r) => server!.listen(0, "127.0.0.1", () => r()));
    const base = `http://127.0.0.1:${(server!.address() as AddressInfo).port}`;
    return { base, cache, renders: () => renders };
  }

  /** A page streamed in chunks, like Next's, with headers set both ways. */
  const page =
    (body: () => string, extra: Record<string, string> = {}, status = 200): App =>
    (_req, res) => {
      res.setHeader("content-security-policy", "default-src 'self'");
      res.setHeader("content-type", "text/html; charset=utf-8");
      for (const [k, v] of Object.entries(extra)) res.setHeader(k, v);
      res.writeHead(status, { vary: "rsc, Accept-Encoding" });
      const text = body();
      res.write(text.slice(0, 5));
      setTimeout(() => res.end(text.slice(5)), 2);
    };

  it("serves a page again from memory with its headers until the public generation moves", async () => {
    let generation = 1;
    let text = "<h1>Version 1 — « Faits saillants »</h1>";
    const s = await serve({ generation: () => generation, app: page(() => text) });
    const url = `${s.base}/articles/typical`;
    const first = await fetch(url);
    expect(first.headers.get("x-newsroom-cache")).toBe("miss");
    expect(await first.text()).toBe(text);
    const second = await fetch(url);
    expect(second.headers.get("x-newsroom-cache")).toBe("hit");
    expect(second.headers.get("content-security-policy")).toBe("default-src 'self'");
    expect(second.headers.get("vary")).toBe("rsc, Accept-Encoding");
    expect(second.headers.get("content-length")).toBe(String(Buffer.byteLength(text)));
    expect(await second.text()).toBe(text);
    expect(s.renders()).toBe(1);

    // A publication commits (the trigger bumps the generation): the very next request renders.
    text = "<h1>Version 2</h1>";
    generation = 2;
    const third = await fetch(url);
    expect(third.headers.get("x-newsroom-cache")).toBe("miss");
    expect(await third.text()).toBe("<h1>Version 2</h1>");
    expect(s.renders()).toBe(2);
    const head = await fetch(url, { method: "HEAD" });
    expect(head.headers.get("x-newsroom-cache")).toBe("hit");
    expect(s.renders()).toBe(2);
  });

  it("renders a page once for a burst of readers arriving together", async () => {
    const s = await serve({
      generation: () => 7,
      app: (req, res) => void sleep(50).then(() => page(() => "<p>Breaking</p>")(req, res)),
    });
    const bodies = await Promise.all(Array.from({ length: 20 }, () => fetch(`${s.base}/articles/breaking`).then((r) => r.text())));
    expect(new Set(bodies)).toEqual(new Set(["<p>Breaking</p>"]));
    expect(s.renders()).toBe(1);
  });

  it("does not store a page rendered while the generation moved", async () => {
    let generation = 1;
    const s = await serve({
      generation: () => generation,
      app: (req, res) => {
        generation++; // a change commits during the render
        page(() => "old")(req, res);
      },
    });
    await fetch(`${s.base}/`);
    const again = await fetch(`${s.base}/`);
    expect(again.headers.get("x-newsroom-cache")).toBe("miss");
    expect(s.cache.size).toBe(0);
  });

  it("never stores errors, redirects, cookies, RSC payloads or non-public paths", async () => {
    const s = await serve({
      generation: () => 1,
      app: (req, res) => {
        if (req.url === "/articles/missing") return page(() => "not found", {}, 404)(req, res);
        if (req.url === "/articles/cookie") return page(() => "hello", { "set-cookie": "a=b" })(req, res);
        if (req.url === "/articles/old") {
          res.writeHead(308, { location: "/articles/new" });
          return res.end();
        }
        if (req.url === "/sitemap.xml") return page(() => "<urlset/>", { "content-type": "application/xml" })(req, res);
        if (req.url === "/robots.txt") {
          res.writeHead(200, { "content-type": "text/plain" });
          return res.end("User-agent: *");
        }
        return page(() => "page")(req, res);
      },
    });
    for (const path of ["/articles/missing", "/articles/cookie", "/newsroom"]) {
      await fetch(`${s.base}${path}`);
      const r = await fetch(`${s.base}${path}`);
      expect(r.headers.get("x-newsroom-cache"), path).not.toBe("hit");
    }
    await fetch(`${s.base}/articles/old`, { redirect: "manual" });
    expect((await fetch(`${s.base}/articles/old`, { redirect: "manual" })).headers.get("x-newsroom-cache")).not.toBe("hit");
    await fetch(`${s.base}/articles/a`, { headers: { rsc: "1" } });
    expect((await fetch(`${s.base}/articles/a`, { headers: { rsc: "1" } })).headers.get("x-newsroom-cache")).toBeNull();
    // Feeds and robots.txt are public and cacheable (headers given to writeHead only).
    await fetch(`${s.base}/robots.txt`);
    const robots = await fetch(`${s.base}/robots.txt`);
    expect(robots.headers.get("x-newsroom-cache")).toBe("hit");
    expect(robots.headers.get("content-type")).toBe("text/plain");
    expect(await robots.text()).toBe("User-agent: *");
    expect(s.cache.size).toBe(1);
  });

  it("keeps compressed and plain answers apart", async () => {
    const s = await serve({
      generation: () => 1,
      app: (req, res) => {
        const body = "Cybersécurité ".repeat(200);
        if (/gzip/.test(String(req.headers["accept-encoding"]))) {
          res.writeHead(200, { "content-type": "text/html", "content-encoding": "gzip" });
          res.end(gzipSync(body));
        } else {
          res.writeHead(200, { "content-type": "text/html" });
          res.end(body);
        }
      },
    });
    const get = (encoding: string) =>
      new Promise<{ headers: Record<string, unknown>; body: Buffer }>((resolve, reject) => {
        // fetch always asks for gzip; plain http lets the test choose.
        import("node:http").then(({ get }) =>
          get(`${s.base}/articles/a`, { headers: { "accept-encoding": encoding } }, (res) => {
            const chunks: Buffer[] = [];
            res.on("data", (c: Buffer) => chunks.push(c));
            res.on("end", () => resolve({ headers: res.headers, body: Buffer.concat(chunks) }));
          }).on("error", reject),
        );
      });
    await get("gzip");
    await get("identity");
    const zipped = await get("gzip");
    const plain = await get("identity");
    expect(zipped.headers["x-newsroom-cache"]).toBe("hit");
    expect(plain.headers["x-newsroom-cache"]).toBe("hit");
    expect(gunzipSync(zipped.body).toString()).toBe(plain.body.toString());
    expect(zipped.headers["content-encoding"]).toBe("gzip");
    expect(plain.headers["content-encoding"]).toBeUndefined();
  });

  it("expires entries after the TTL and keeps within its byte budget", async () => {
    let clock = 0;
    const s = await serve({ generation: () => 1, ttlMs: 1000, maxBytes: 2500, now: () => clock, app: page(() => "x".repeat(1000)) });
    const status = async (slug: string) => {
      const r = await fetch(`${s.base}/articles/${slug}`);
      await r.text(); // the copy is kept once the response has finished
      return r.headers.get("x-newsroom-cache");
    };
    expect(await status("a")).toBe("miss");
    expect(await status("a")).toBe("hit");
    clock = 1500;
    expect(await status("a")).toBe("miss");
    for (const slug of ["b", "c", "d"]) await status(slug);
    expect(s.cache.bytes).toBeLessThanOrEqual(2500);
    expect(s.cache.size).toBe(2);
    // Least recently used went first.
    expect(await status("a")).toBe("miss");
    expect(await status("d")).toBe("hit");
  });

  it("lets Next answer when the generation cannot be read (app starting, database down)", async () => {
    const cache = createPageCache({ readGeneration: () => null, checkIntervalMs: 0 });
    let renders = 0;
    server = createServer((req, res) => void cache.handle(req, res, () => (renders++, page(() => "live")(req, res))));
    await new Promise<void>((r) => server!.listen(0, "127.0.0.1", () => r()));
    const base = `http://127.0.0.1:${(server!.address() as AddressInfo).port}`;
    expect(await (await fetch(`${base}/`)).text()).toBe("live");
    expect(await (await fetch(`${base}/`)).text()).toBe("live");
    expect(renders).toBe(2);
  });
});
