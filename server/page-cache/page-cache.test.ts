import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { gunzipSync, gzipSync, inflateSync } from "node:zlib";
import { afterEach, describe, expect, it } from "vitest";

import { cacheKey } from "./cache-key.mjs";
import { acceptsEncoding, encodingClass } from "./encoding.mjs";
import { entryCost } from "./entry-store.mjs";
import { freshReader } from "./fresh-reader.mjs";
import { createPageCache, matchesEtag, withEtag } from "./page-cache.mjs";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("cacheKey", () => {
  const req = (url: string, headers: Record<string, string> = {}, method = "GET") =>
    ({ url, method, headers: { host: "news.example", ...headers } }) as unknown as IncomingMessage;

  it("takes the public pages, feeds and sitemaps", () => {
    for (const url of [
      "/",
      "/articles/la-chine-nie",
      "/authors/claire-martin",
      "/authors/claire-martin/feed.xml",
      "/tags/apt41",
      "/tags/apt41/feed.xml",
      "/sections/international",
      "/search?q=chine",
      "/feed.xml",
      "/sitemap.xml",
      "/sitemaps/pages.xml",
      "/sitemaps/articles-1.xml",
      "/news-sitemap.xml",
      "/robots.txt",
      "/?page=2",
    ]) {
      expect(cacheKey(req(url)), url).not.toBeNull();
    }
  });

  it("leaves the newsroom, sign-in, API, uploads, assets and client navigation to Next", () => {
    for (const url of [
      "/newsroom",
      "/newsroom/articles/1",
      "/login",
      "/set-password",
      "/api/health",
      "/api/auth/session",
      "/uploads/a.webp",
      "/_next/static/chunks/x.js",
      "/articles/a/b",
      "/favicon.ico",
    ]) {
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
      // Only parameters a page reads make another key (an article reads none).
      cacheKey(req("/authors/a?page=2")),
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

  it("answers 304 without a body to a reader who holds the page's bytes, and 200 once they changed", async () => {
    let generation = 1;
    let text = "<rss><channel><title>Newsroom</title></channel></rss>";
    const s = await serve({ generation: () => generation, app: page(() => text, { "content-type": "application/rss+xml; charset=utf-8" }) });
    const url = `${s.base}/feed.xml`;
    // The render streams its answer as Next sends it; the copy kept is tagged, so from the first hit on.
    await (await fetch(url)).text();
    const first = await fetch(url);
    await first.text();
    const tag = first.headers.get("etag");
    expect(tag).toMatch(/^"[A-Za-z0-9_-]{32}"$/);
    const again = await fetch(url, { headers: { "if-none-match": tag! } });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe("");
    expect(again.headers.get("etag")).toBe(tag);
    expect(again.headers.get("x-newsroom-cache")).toBe("hit");
    // A list naming it, its weak form and "*" match too; another tag does not.
    for (const header of [`"other", ${tag}`, `W/${tag}`, "*"]) expect((await fetch(url, { headers: { "if-none-match": header } })).status, header).toBe(304);
    const other = await fetch(url, { headers: { "if-none-match": '"something-else"' } });
    expect(other.status).toBe(200);
    expect(await other.text()).toBe(text);
    expect(s.renders()).toBe(1);

    // A publication changes the feed: the old tag gets the new bytes, under a new tag.
    text = "<rss><channel><title>Newsroom</title><item><title>Nouveau</title></item></channel></rss>";
    generation = 2;
    const changed = await fetch(url, { headers: { "if-none-match": tag! } });
    expect(changed.status).toBe(200);
    expect(changed.headers.get("x-newsroom-cache")).toBe("miss");
    expect(await changed.text()).toBe(text);
    const stored = await fetch(url, { headers: { "if-none-match": tag! } });
    expect(stored.status).toBe(200);
    expect(stored.headers.get("x-newsroom-cache")).toBe("hit");
    expect(stored.headers.get("etag")).not.toBe(tag);
    await stored.text();
    // The same bytes on another instance get the same tag.
    const twinCache = createPageCache({ readGeneration: () => Promise.resolve(2), checkIntervalMs: 0 });
    const app = page(() => text, { "content-type": "application/rss+xml; charset=utf-8" });
    const twin = createServer((req, res) => void twinCache.handle(req, res, () => app(req, res)));
    await new Promise<void>((r) => twin.listen(0, "127.0.0.1", () => r()));
    try {
      const twinUrl = `http://127.0.0.1:${(twin.address() as AddressInfo).port}/feed.xml`;
      await (await fetch(twinUrl)).text();
      const fromTwin = await fetch(twinUrl, { headers: { "if-none-match": stored.headers.get("etag")! } });
      expect(fromTwin.status).toBe(304);
    } finally {
      twin.closeAllConnections();
      await new Promise<void>((r) => twin.close(() => r()));
      twinCache.close();
    }
  });

  it("compares If-None-Match as RFC 9110 says", () => {
    expect(matchesEtag('"a"', '"a"')).toBe(true);
    expect(matchesEtag('W/"a"', '"a"')).toBe(true);
    expect(matchesEtag('"b", "a"', '"a"')).toBe(true);
    expect(matchesEtag("*", '"a"')).toBe(true);
    expect(matchesEtag('"b"', '"a"')).toBe(false);
    expect(matchesEtag('"a"', undefined)).toBe(false);
    expect(matchesEtag(undefined, '"a"')).toBe(false);
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

  it("never serves a page rendered while the generation moved", async () => {
    // Such a page is kept under the generation read before its render, and that generation has
    // passed: the next request reads the new one and finds nothing it may serve. (Whether the
    // copy is stored at all depends on who reads the new generation first; what counts is that
    // no request after the change is answered with it.)
    let generation = 1;
    const s = await serve({
      generation: () => generation,
      app: (req, res) => {
        generation++; // a change commits during every render
        page(() => "old")(req, res);
      },
    });
    for (let i = 0; i < 3; i++) {
      const r = await fetch(`${s.base}/`);
      await r.text(); // the render has finished (and its copy been offered to the cache)
      expect(r.headers.get("x-newsroom-cache"), `request ${i + 1}`).toBe("miss");
    }
    expect(s.renders()).toBe(3);
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

describe("canonical keys", () => {
  const req = (url: string, headers: Record<string, string> = {}, method = "GET") =>
    ({ url, method, headers: { host: "news.example", ...headers } }) as unknown as IncomingMessage;

  it("keys on the parameters pages read, one spelling of a path, and validated origins only", () => {
    const article = cacheKey(req("/articles/hot"));
    for (const url of ["/articles/hot?utm_source=x", "/articles/hot?page=2", "/articles/%68ot", "/articles/hot?_x=1&b=%ZZ"])
      expect(cacheKey(req(url)), url).toBe(article);
    expect(cacheKey(req("/?utm_source=1&page=2"))).toBe(cacheKey(req("/")));
    // An imported WordPress site's `/?p=123` is the front page's redirect to do, not its cached copy.
    for (const url of ["/?p=123", "/?utm_source=x&page_id=4", "/?cat=7", "/?tag=x"]) expect(cacheKey(req(url)), url).toBeNull();
    expect(cacheKey(req("/tags/apt41?page=1&fbclid=z"))).toBe(cacheKey(req("/tags/apt41")));
    expect(cacheKey(req("/tags/apt41?page=2&x=1"))).toBe(cacheKey(req("/tags/apt41?x=2&page=2")));
    expect(cacheKey(req("/tags/apt41?page=2"))).not.toBe(cacheKey(req("/tags/apt41")));
    expect(cacheKey(req("/search?utm=1&q=chine&page=2"))).toBe(cacheKey(req("/search?page=2&q=chine")));
    expect(cacheKey(req("/search?q=chine"))).not.toBe(cacheKey(req("/search?q=inde")));
    // NFC and NFD spellings of an accented slug are one page.
    expect(cacheKey(req(`/articles/${encodeURIComponent("été".normalize("NFD"))}`))).toBe(cacheKey(req(`/articles/${encodeURIComponent("été")}`)));
    // Malformed forwarded headers are ignored, as the pages ignore them.
    for (const headers of <Record<string, string>[]>[
      { "x-forwarded-proto": "" },
      { "x-forwarded-host": "" },
      { "x-forwarded-proto": "gopher" },
      { "x-forwarded-host": "a b/c" },
      { "x-forwarded-host": `x${"y".repeat(300)}` },
    ]) {
      expect(cacheKey(req("/articles/hot", headers)), JSON.stringify(headers)).toBe(article);
    }
    expect(cacheKey(req("/articles/hot", { "x-forwarded-host": "Cdn.Example, proxy.internal" }))).toBe(
      cacheKey(req("/articles/hot", { "x-forwarded-host": "cdn.example" })),
    );
    // With SITE_URL set, pages do not depend on the host at all.
    expect(cacheKey(req("/articles/hot", { host: "made-up.example" }), { siteUrl: "https://news.example" })).toBe(
      cacheKey(req("/articles/hot"), { siteUrl: "https://news.example" }),
    );
    // Trailing slashes and empty segments are Next's (a redirect or a 404, no page render).
    for (const url of ["/articles/hot/", "//articles/hot", "/articles//hot", "/search/", "/articles/%E0%A4%A"]) expect(cacheKey(req(url)), url).toBeNull();
  });

  it("puts every Accept-Encoding into one of the classes Next's compression answers alike", () => {
    expect(encodingClass(undefined)).toBe("identity");
    expect(encodingClass("")).toBe("identity");
    expect(encodingClass("*")).toBe("gzip");
    expect(encodingClass("gzip;q=0, *")).toBe("deflate");
    expect(encodingClass("gzip;q=0, deflate;q=0")).toBe("identity");
    expect(encodingClass("gzip;q=0.5, identity")).toBe("identity");
    expect(encodingClass("deflate, gzip;q=0.1")).toBe("gzip");
    expect(encodingClass("br")).toBe("identity");
    expect(encodingClass("gzip, identity;q=0")).toBe("gzip;identity=0");
    expect(encodingClass("*;q=0")).toBe("identity;identity=0");
    expect(encodingClass("GZIP;Q=0.001")).toBe("gzip");
    expect(encodingClass("gzip;q=nonsense")).toBe("identity");
    expect(acceptsEncoding(undefined, "gzip")).toBe(false);
    expect(acceptsEncoding("*", "gzip")).toBe(true);
    expect(acceptsEncoding("*;q=0, identity", "gzip")).toBe(false);
    expect(acceptsEncoding("gzip;q=0", "gzip")).toBe(false);
    expect(acceptsEncoding("identity;q=0", "identity")).toBe(true);
    const classes = new Set(
      Array.from({ length: 2000 }, (_, i) => encodingClass(`gzip;q=0.${i % 1000}, deflate;q=0.${(i * 7) % 1000}, x-${i}, identity;q=${i % 2}`)),
    );
    expect(classes.size).toBeLessThanOrEqual(8);
  });
});

describe("page cache under hostile traffic", () => {
  let server: Server | null = null;
  let close: (() => void) | null = null;
  afterEach(async () => {
    close?.();
    server?.closeAllConnections();
    await new Promise<void>((r) => (server ? server.close(() => r()) : r()));
    server = null;
  });

  type App = (req: IncomingMessage, res: ServerResponse) => void;
  async function serve(opts: {
    app: App;
    maxBytes?: number;
    maxEntries?: number;
    ttlMs?: number;
    now?: () => number;
    sweepIntervalMs?: number;
    maxConcurrentRenders?: number;
  }) {
    const renders: string[] = [];
    const cache = createPageCache({ readGeneration: () => Promise.resolve(1), checkIntervalMs: 0, ...opts });
    close = cache.close;
    server = createServer((req, res) => {
      void cache.handle(req, res, () => {
        renders.push(`${req.method} ${req.url}`);
        opts.app(req, res);
      });
    });
    server.keepAliveTimeout = 10_000;
    await new Promise<void>((r) => server!.listen(0, "127.0.0.1", () => r()));
    const base = `http://127.0.0.1:${(server!.address() as AddressInfo).port}`;
    return { base, cache, renders };
  }
  const html =
    (body: (req: IncomingMessage) => string, headers: Record<string, string> = {}): App =>
    (req, res) => {
      res.writeHead(200, { "content-type": "text/html; charset=utf-8", ...headers });
      res.end(body(req));
    };
  const status = async (url: string, init?: RequestInit) => {
    const r = await fetch(url, init);
    await r.arrayBuffer();
    return r.headers.get("x-newsroom-cache");
  };
  /** Plain node:http, so the test chooses Accept-Encoding (fetch always sends one). */
  const raw = (url: string, headers: Record<string, string>, method = "GET") =>
    new Promise<{ headers: Record<string, unknown>; body: Buffer }>((resolve, reject) => {
      const r = request(url, { method, headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => resolve({ headers: res.headers, body: Buffer.concat(chunks) }));
      });
      r.on("error", reject);
      r.end();
    });

  it("answers 10,000 requests with distinct junk parameters from a few renders and keeps the hot pages", async () => {
    const s = await serve({ maxBytes: 64 * 1024, maxEntries: 20, app: html((req) => `<p>${req.url}</p>${"x".repeat(2000)}`) });
    const hot = ["/articles/hot", "/", "/tags/apt41?page=2"];
    for (const path of hot) {
      await status(`${s.base}${path}`);
      expect(await status(`${s.base}${path}`), path).toBe("hit");
    }
    const before = s.renders.length;
    const targets = ["/articles/hot", "/", "/tags/apt41", "/search", "/feed.xml"];
    let i = 0;
    const worker = async () => {
      while (i < 10_000) {
        const n = i++;
        const path = targets[n % targets.length];
        await status(`${s.base}${path}${path.includes("?") ? "&" : "?"}utm_source=${n}-${Math.random().toString(36).slice(2)}&_=${n}`);
      }
    };
    await Promise.all(Array.from({ length: 20 }, worker));
    // At most one render per distinct page (the junk maps onto five pages), never one per request.
    expect(s.renders.length - before).toBeLessThanOrEqual(targets.length);
    // Next was handed the canonical URL, junk removed.
    expect(s.renders.filter((r) => r.includes("utm_source"))).toEqual([]);
    for (const path of hot) expect(await status(`${s.base}${path}`), path).toBe("hit");
    expect(s.cache.size).toBeLessThanOrEqual(20);
  }, 60_000);

  it("keeps pages readers come back to when a flood of one-off pages arrives (search queries, made-up hosts)", async () => {
    const s = await serve({ maxBytes: 1024 * 1024, maxEntries: 50, app: html(() => "<p>page</p>") });
    const hot = ["/articles/hot", "/"];
    for (const path of hot) {
      await status(`${s.base}${path}`);
      await status(`${s.base}${path}`);
    }
    for (let n = 0; n < 500; n++) {
      await status(`${s.base}/search?q=word${n}`);
      await status(`${s.base}/articles/hot`, { headers: { "x-forwarded-host": `h${n}.example` } });
    }
    expect(s.cache.size).toBeLessThanOrEqual(50);
    const renders = s.renders.length;
    for (const path of hot) expect(await status(`${s.base}${path}`), path).toBe("hit");
    expect(s.renders.length).toBe(renders);
  });

  it("counts keys and stored headers against the byte budget, and caps the number of entries", async () => {
    const bigHeader = "v".repeat(3000);
    const s = await serve({ maxBytes: 20_000, maxEntries: 1000, app: html(() => "<p>tiny</p>", { "x-big": bigHeader }) });
    const long = "s".repeat(390);
    await status(`${s.base}/search?q=${long}`);
    expect(s.cache.size).toBe(1);
    // The body is 11 bytes; the entry costs its key (~0.4 KB) and headers (~3 KB) too.
    expect(s.cache.bytes).toBeGreaterThan(3400);
    expect(s.cache.bytes).toBe(
      entryCost(
        cacheKey({
          url: `/search?q=${long}`,
          method: "GET",
          headers: { host: new URL(s.base).host, "accept-encoding": "gzip" },
        } as unknown as IncomingMessage)!,
        { headers: withEtag({ "content-type": "text/html; charset=utf-8", "x-big": bigHeader }, Buffer.from("<p>tiny</p>")), body: Buffer.from("<p>tiny</p>") },
      ),
    );
    for (let n = 0; n < 20; n++) await status(`${s.base}/search?q=${n}${long}`);
    expect(s.cache.bytes).toBeLessThanOrEqual(20_000);
    expect(s.cache.size).toBeLessThanOrEqual(5); // 21 bodies of 11 bytes would have "fitted"

    const capped = await serve({ maxBytes: 64 * 1024 * 1024, maxEntries: 7, app: html(() => "<p>x</p>") });
    for (let n = 0; n < 30; n++) await status(`${capped.base}/articles/a${n}`);
    expect(capped.cache.size).toBe(7);
    expect(capped.cache.stats.evicted).toBe(23);
  });

  it("sweeps expired entries without waiting for them to be asked for", async () => {
    let clock = 0;
    const s = await serve({ ttlMs: 1000, now: () => clock, sweepIntervalMs: 20, app: html(() => "<p>x</p>") });
    for (let n = 0; n < 10; n++) await status(`${s.base}/articles/a${n}`);
    expect(s.cache.size).toBe(10);
    clock = 999;
    s.cache.sweep();
    expect(s.cache.size).toBe(10);
    clock = 1000;
    await sleep(80); // the background sweep (unref'd timer) runs
    expect(s.cache.size).toBe(0);
    expect(s.cache.bytes).toBe(0);
    expect(s.cache.stats.swept).toBe(10);
  });

  it("stores what Next's compression chose and never sends a compressed body to a client that did not ask for it", async () => {
    // Next's own compression middleware (next/dist/compiled/compression), as in next start.
    const { default: compression } = (await import("next/dist/compiled/compression" as string)) as {
      default: () => (req: IncomingMessage, res: ServerResponse, next: () => void) => void;
    };
    const compress = compression();
    const body = "Cybersécurité ".repeat(400);
    const s = await serve({
      app: (req, res) =>
        compress(req, res, () => {
          res.setHeader("content-type", "text/html; charset=utf-8");
          res.end(body);
        }),
    });
    const url = `${s.base}/articles/a`;
    const decode = (r: { headers: Record<string, unknown>; body: Buffer }) =>
      r.headers["content-encoding"] === "gzip"
        ? gunzipSync(r.body).toString()
        : r.headers["content-encoding"] === "deflate"
          ? inflateSync(r.body).toString()
          : r.body.toString();
    // The case: "*" made Next gzip the page, stored under the class of plain clients.
    const star = await raw(url, { "accept-encoding": "*" });
    expect(star.headers["content-encoding"]).toBe("gzip");
    const cases: [string | undefined, string[]][] = [
      [undefined, ["identity"]],
      ["", ["identity"]],
      ["identity", ["identity"]],
      ["*", ["gzip"]],
      ["gzip;q=0, *", ["deflate"]],
      ["gzip;q=0, deflate;q=0", ["identity"]],
      ["gzip;q=0.5, identity", ["identity"]],
      ["deflate", ["deflate"]],
      ["br", ["identity"]],
      ["gzip, identity;q=0", ["gzip"]],
      ["identity;q=0", ["identity"]],
      ["*;q=0", ["identity"]],
      ["gzip;q=0.001", ["gzip"]],
    ];
    for (let round = 0; round < 2; round++) {
      for (const [ae, allowed] of cases) {
        const r = await raw(url, ae === undefined ? {} : { "accept-encoding": ae });
        const coding = String(r.headers["content-encoding"] ?? "identity");
        expect(allowed, `Accept-Encoding ${JSON.stringify(ae)} got ${coding} (${r.headers["x-newsroom-cache"]})`).toContain(coding);
        expect(decode(r)).toBe(body);
        if (round === 1) expect(r.headers["x-newsroom-cache"], `${ae}`).toBe("hit");
      }
    }
    // One render per class, not per request.
    expect(s.renders.length).toBeLessThanOrEqual(8);
  });

  it("renders a HEAD that misses once, as the GET it stands for, and keeps it", async () => {
    const s = await serve({ app: html(() => "<p>page</p>") });
    const head = await raw(`${s.base}/articles/a?utm=1`, {}, "HEAD");
    expect(head.body.length).toBe(0);
    expect(head.headers["x-newsroom-cache"]).toBe("miss");
    for (let n = 0; n < 5; n++) expect((await raw(`${s.base}/articles/a?utm=${n}`, {}, "HEAD")).headers["x-newsroom-cache"]).toBe("hit");
    const get = await raw(`${s.base}/articles/a`, {});
    expect(get.headers["x-newsroom-cache"]).toBe("hit");
    expect(get.body.toString()).toBe("<p>page</p>");
    expect(s.renders).toEqual(["GET /articles/a"]);
  });

  it("answers 405 to other methods on public pages instead of rendering them, and leaves server actions to Next", async () => {
    const s = await serve({ app: html(() => "<p>page</p>") });
    for (const method of ["POST", "PUT", "DELETE", "PATCH", "OPTIONS"]) {
      const r = await raw(`${s.base}/articles/a?x=${method}`, {}, method);
      expect(r.headers["allow"], method).toBe("GET, HEAD");
    }
    expect(s.renders).toEqual([]);
    await raw(`${s.base}/articles/a`, { "next-action": "abc" }, "POST");
    await raw(`${s.base}/newsroom/articles/1`, {}, "POST");
    expect(s.renders).toEqual(["POST /articles/a", "POST /newsroom/articles/1"]);
  });

  it("renders at most a few uncached public pages at a time while cached pages are answered at once", async () => {
    let inRender = 0;
    let maxInRender = 0;
    const slow: App = (req, res) => {
      inRender++;
      maxInRender = Math.max(maxInRender, inRender);
      void sleep(req.url === "/" ? 0 : 40).then(() => {
        inRender--;
        html(() => `<p>${req.url}</p>`)(req, res);
      });
    };
    const s = await serve({ app: slow, maxConcurrentRenders: 3 });
    await status(`${s.base}/`);
    const flood = Promise.all([
      ...Array.from({ length: 24 }, (_, n) => status(`${s.base}/search?q=flood${n}`)),
      ...Array.from({ length: 6 }, (_, n) => status(`${s.base}/articles/a`, { headers: { rsc: "1", "next-router-state-tree": `t${n}` } })),
    ]);
    await sleep(20);
    const t = performance.now();
    expect(await status(`${s.base}/`)).toBe("hit");
    const hitMs = performance.now() - t;
    let floodDone = false;
    await flood.then(() => (floodDone = true));
    expect(floodDone).toBe(true);
    expect(maxInRender).toBeLessThanOrEqual(3);
    // The hit did not wait for ten rounds of 40 ms renders.
    expect(hitMs).toBeLessThan(200);
    expect(s.cache.limiter.running).toBe(0);
    expect(s.cache.limiter.waiting).toBe(0);
  });
});
