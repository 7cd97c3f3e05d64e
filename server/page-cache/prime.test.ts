/**
 * Refresh-ahead: after a change of generation, the pages readers come back to are rendered again
 * before a reader asks, and the next reader gets the new page from memory. Over real HTTP on
 * loopback, with the page cache and the primer wired as server/serve.mjs wires them.
 */
import { createServer, get, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";

import { createPageCache } from "./page-cache.mjs";
import { createPrimer } from "./prime.mjs";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("createPrimer", () => {
  it("one pass per change, at most `concurrency` renders at once, the pages already current left alone", async () => {
    let running = 0;
    let most = 0;
    const asked: string[] = [];
    const pages = ["/a", "/b", "/c", "/d", "/e"].map((url, i) => ({ key: url, replay: { url, headers: {} }, generation: i === 4 ? 2 : 1 }));
    const primer = createPrimer({
      hotPages: (n) => pages.slice(0, n),
      maxPages: 5,
      concurrency: 2,
      minIntervalMs: 0,
      request: async ({ url }) => {
        asked.push(url);
        most = Math.max(most, ++running);
        await sleep(10);
        running--;
      },
    });
    primer.changed(2);
    while (primer.busy) await sleep(5);
    expect(asked.sort()).toEqual(["/a", "/b", "/c", "/d"]); // /e is already of generation 2
    expect(most).toBe(2);
    // An older or the same generation asks nothing more.
    primer.changed(2);
    primer.changed(1);
    await sleep(20);
    expect(asked).toHaveLength(4);
  });

  it("changes during a pass make one more pass, for the latest generation, after the interval; a failure stops nothing", async () => {
    const passes: { generation: number; at: number }[] = [];
    let generationSeen = 0;
    const started = performance.now();
    const primer = createPrimer({
      hotPages: () => [{ key: "/a", replay: { url: "/a", headers: {} }, generation: 0 }],
      minIntervalMs: 100,
      request: async () => {
        await sleep(20);
        throw new Error("render failed");
      },
      onPass: (p) => passes.push({ generation: (generationSeen = p.generation), at: performance.now() - started }),
    });
    primer.changed(1);
    for (let g = 2; g <= 50; g++) primer.changed(g);
    await sleep(10);
    while (primer.busy) await sleep(5);
    expect(passes.map((p) => p.generation)).toEqual([1, 50]);
    expect(passes[1].at).toBeGreaterThanOrEqual(100);
    expect(generationSeen).toBe(50);
    primer.close();
  });

  it("PAGE_CACHE_PRIME_PAGES=0: never asks", async () => {
    let asked = 0;
    const primer = createPrimer({
      hotPages: () => [{ key: "/a", replay: { url: "/a", headers: {} }, generation: 0 }],
      maxPages: 0,
      request: async () => void asked++,
    });
    primer.changed(1);
    await sleep(10);
    expect(asked).toBe(0);
  });
});

describe("page cache with refresh-ahead", () => {
  let server: Server | null = null;
  afterEach(async () => {
    server?.closeAllConnections();
    await new Promise<void>((r) => (server ? server.close(() => r()) : r()));
    server = null;
  });

  it("the first reader after a change gets the page rendered for it from memory; pages read twice go first", async () => {
    let generation = 1;
    const renders: string[] = [];
    const cache = createPageCache({ readGeneration: () => Promise.resolve(generation), peekGeneration: () => generation });
    server = createServer((req, res) => {
      void cache.handle(req, res, async () => {
        renders.push(`${req.url} ${generation} ${req.headers["accept-encoding"]} ${req.headers.host}`);
        await sleep(30); // a render takes time
        res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
        res.end(`<p>${req.url} at ${generation}</p>`);
      });
    });
    await new Promise<void>((r) => server!.listen(0, "127.0.0.1", () => r()));
    const { port } = server.address() as AddressInfo;
    const read = (path: string) =>
      new Promise<{ body: string; cache: string | undefined; ms: number }>((resolve, reject) => {
        const t = performance.now();
        get({ host: "127.0.0.1", port, path, headers: { host: "news.example", "accept-encoding": "identity" } }, (res) => {
          let body = "";
          res.on("data", (d) => (body += d));
          res.on("end", () => resolve({ body, cache: res.headers["x-newsroom-cache"] as string | undefined, ms: performance.now() - t }));
        }).on("error", reject);
      });
    const primer = createPrimer({
      hotPages: (n) => cache.hotPages(n),
      maxPages: 1,
      minIntervalMs: 0,
      request: ({ url, headers }) =>
        new Promise((resolve) => get({ host: "127.0.0.1", port, path: url, headers }, (res) => (res.resume(), res.on("end", resolve))).on("error", resolve)),
    });

    await read("/articles/hot");
    await read("/articles/hot"); // read twice: one readers come back to
    await read("/articles/once");
    expect(renders).toEqual(["/articles/hot 1 identity news.example", "/articles/once 1 identity news.example"]);

    generation = 2;
    primer.changed(2);
    while (primer.busy) await sleep(5);
    // Rendered again as its readers ask for it (same host and encoding: the same key).
    expect(renders.slice(2)).toEqual(["/articles/hot 2 identity news.example"]);
    const first = await read("/articles/hot");
    expect(first).toMatchObject({ body: "<p>/articles/hot at 2</p>", cache: "hit" });
    // With room for one page, the page read once was left out: it waits for its own render, as before.
    expect(await read("/articles/once")).toMatchObject({ body: "<p>/articles/once at 2</p>", cache: "miss" });
  });
  it("hotPages: pages read twice first, then those read once, most recent first; across a change of generation", async () => {
    let generation = 1;
    const cache = createPageCache({ readGeneration: () => Promise.resolve(generation), peekGeneration: () => generation });
    server = createServer(
      (req, res) =>
        void cache.handle(req, res, () => {
          res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
          res.end("page");
        }),
    );
    await new Promise<void>((r) => server!.listen(0, "127.0.0.1", () => r()));
    const { port } = server.address() as AddressInfo;
    const read = (path: string) => fetch(`http://127.0.0.1:${port}${path}`).then((r) => r.text());
    for (const path of ["/articles/a", "/articles/b", "/articles/b", "/articles/c", "/articles/d", "/articles/d"]) await read(path);
    const urls = (n: number) => cache.hotPages(n).map((p) => p.replay.url);
    expect(urls(10)).toEqual(["/articles/d", "/articles/b", "/articles/c", "/articles/a"]);
    expect(urls(3)).toEqual(["/articles/d", "/articles/b", "/articles/c"]);
    expect(cache.hotPages(1)[0]).toMatchObject({ generation: 1, replay: { headers: { host: `127.0.0.1:${port}` } } });
    // A change empties the store; the pages read before it are still known, with their old generation.
    generation = 2;
    await read("/articles/c");
    expect(cache.hotPages(10).map((p) => [p.replay.url, p.generation])).toEqual([
      ["/articles/c", 2],
      ["/articles/d", 1],
      ["/articles/b", 1],
      ["/articles/a", 1],
    ]);
  });
});
