import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";

import { cdnCacheablePath, cdnConfig, registerCacheTagReader, withCdnHeaders } from "./cdn.mjs";

const req = (url: string, headers: Record<string, string> = {}, method = "GET") => ({ url, method, headers }) as unknown as IncomingMessage;

describe("CDN configuration", () => {
  it("is off without CDN_MAX_AGE and reads whole seconds", () => {
    expect(cdnConfig({})).toBeNull();
    expect(cdnConfig({ CDN_MAX_AGE: "300" })).toEqual({ maxAge: 300, staleWhileRevalidate: 60 });
    expect(cdnConfig({ CDN_MAX_AGE: "30", CDN_STALE_WHILE_REVALIDATE: "0" })).toEqual({ maxAge: 30, staleWhileRevalidate: 0 });
    expect(() => cdnConfig({ CDN_MAX_AGE: "5m" })).toThrow(/CDN_MAX_AGE/);
    expect(() => cdnConfig({ CDN_MAX_AGE: "5", CDN_STALE_WHILE_REVALIDATE: "-1" })).toThrow(/CDN_STALE_WHILE_REVALIDATE/);
  });

  it("takes only full public pages", () => {
    expect(cdnCacheablePath(req("/articles/une?utm_source=x"))).toBe("/articles/une");
    expect(cdnCacheablePath(req("/search?q=chine"))).toBe("/search");
    expect(cdnCacheablePath(req("/articles/une", { rsc: "1" }))).toBeNull();
    expect(cdnCacheablePath(req("/articles/une?_rsc=1"))).toBeNull();
    expect(cdnCacheablePath(req("/articles/une", {}, "POST"))).toBeNull();
    expect(cdnCacheablePath(req("/newsroom"))).toBeNull();
    expect(cdnCacheablePath(req("/api/health"))).toBeNull();
  });
});

describe("CDN headers", () => {
  let server: Server | null = null;
  afterEach(async () => {
    await new Promise((r) => (server ? server.close(r) : r(undefined)));
    server = null;
  });

  /** Answers like Next does for a dynamic page: no-store set by setHeader, status by path. */
  async function start(config: ReturnType<typeof cdnConfig>) {
    const next = async (rq: IncomingMessage, res: import("node:http").ServerResponse) => {
      res.setHeader("Cache-Control", "private, no-cache, no-store, max-age=0, must-revalidate");
      if (rq.url?.includes("cookie")) res.setHeader("set-cookie", "a=b");
      res.statusCode = rq.url?.includes("missing") ? 404 : 200;
      res.end("page");
    };
    const handle = withCdnHeaders(config, next);
    server = createServer((rq, res) => void handle(rq, res));
    await new Promise<void>((r) => server!.listen(0, "127.0.0.1", () => r()));
    return `http://127.0.0.1:${(server!.address() as AddressInfo).port}`;
  }

  it("unset, lets browsers keep public pages for back/forward (no-cache, not no-store), and leaves the rest as Next sent it", async () => {
    const base = await start(null);
    const res = await fetch(`${base}/articles/une`);
    expect(res.headers.get("cache-control")).toBe("private, no-cache");
    expect(res.headers.get("cache-tag")).toBeNull();
    expect(res.headers.get("surrogate-key")).toBeNull();
    for (const path of ["/articles/missing", "/articles/cookie", "/newsroom", "/api/health"]) {
      const other = await fetch(`${base}${path}`);
      expect(other.headers.get("cache-control"), path).toBe("private, no-cache, no-store, max-age=0, must-revalidate");
    }
    const rsc = await fetch(`${base}/articles/une`, { headers: { rsc: "1" } });
    expect(rsc.headers.get("cache-control")).toContain("no-store");
  });

  it("set, gives public pages s-maxage, stale-while-revalidate and their tags; nothing else", async () => {
    const asked: string[] = [];
    registerCacheTagReader(async (path) => (asked.push(path), ["site", "article-1", "author-2", "tag-3", "section-4"]));
    const base = await start({ maxAge: 300, staleWhileRevalidate: 60 });
    const res = await fetch(`${base}/articles/une?utm=1`);
    expect(res.headers.get("cache-control")).toBe("public, s-maxage=300, stale-while-revalidate=60");
    expect(res.headers.get("cache-tag")).toBe("site,article-1,author-2,tag-3,section-4");
    expect(res.headers.get("surrogate-key")).toBe("site article-1 author-2 tag-3 section-4");
    expect(asked).toEqual(["/articles/une"]);
    for (const path of ["/articles/missing", "/articles/cookie", "/newsroom", "/api/health"]) {
      const other = await fetch(`${base}${path}`);
      expect(other.headers.get("cache-control"), path).toBe("private, no-cache, no-store, max-age=0, must-revalidate");
      expect(other.headers.get("cache-tag"), path).toBeNull();
    }
    const rsc = await fetch(`${base}/articles/une`, { headers: { rsc: "1" } });
    expect(rsc.headers.get("cache-control")).toContain("no-store");
  });
});
