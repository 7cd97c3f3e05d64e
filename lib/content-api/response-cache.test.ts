import { describe, expect, it } from "vitest";

import { responseCache, sharedResponseCache } from "./response-cache";

const body = (json: string) => ({ json, etag: `"${json.length}"` });

describe("Content API response cache", () => {
  it("answers only at the generation an answer was kept at", () => {
    const cache = responseCache(1024 * 1024);
    cache.set(7, "http://x/api/v1/articles", body("[1]"));
    expect(cache.get(7, "http://x/api/v1/articles")).toEqual(body("[1]"));
    expect(cache.get(8, "http://x/api/v1/articles")).toBeUndefined();
    expect(cache.get(6, "http://x/api/v1/articles")).toBeUndefined();
    expect(cache.get(7, "http://x/api/v1/tags")).toBeUndefined();
  });

  it("forgets everything at a newer generation, and never keeps an answer read at an older one", () => {
    const cache = responseCache(1024 * 1024);
    cache.set(1, "a", body("old"));
    cache.set(2, "b", body("new"));
    expect(cache.size).toBe(1);
    expect(cache.get(1, "a")).toBeUndefined();
    // A request that read generation 1 and finished late must not put its (maybe stale) answer back.
    cache.set(1, "a", body("late"));
    expect(cache.get(1, "a")).toBeUndefined();
    expect(cache.get(2, "a")).toBeUndefined();
    expect(cache.get(2, "b")).toEqual(body("new"));
  });

  it("stays within its size, dropping the least recently used first", () => {
    const json = "x".repeat(1000);
    const cache = responseCache(10_000); // about four entries of 2 KB + overhead
    for (const k of ["a", "b", "c", "d"]) cache.set(1, k, body(json));
    expect(cache.get(1, "a")).toBeDefined(); // a is now the most recent
    cache.set(1, "e", body(json));
    expect(cache.bytes).toBeLessThanOrEqual(10_000);
    expect(cache.get(1, "b")).toBeUndefined();
    expect(cache.get(1, "a")).toBeDefined();
    expect(cache.get(1, "e")).toBeDefined();
  });

  it("does not keep an answer larger than a quarter of its size, and counts a replaced answer once", () => {
    const cache = responseCache(10_000);
    cache.set(1, "big", body("x".repeat(2000)));
    expect(cache.get(1, "big")).toBeUndefined();
    cache.set(1, "k", body("y".repeat(100)));
    const once = cache.bytes;
    cache.set(1, "k", body("z".repeat(100)));
    expect(cache.bytes).toBe(once);
    expect(cache.get(1, "k")?.json).toBe("z".repeat(100));
  });

  it("is off with API_CACHE_MB=0", () => {
    const slot = Symbol.for("newsroom.contentApiResponseCache");
    const g = globalThis as unknown as Record<symbol, unknown>;
    const saved = g[slot];
    try {
      delete g[slot];
      expect(sharedResponseCache({ API_CACHE_MB: "0" })).toBeNull();
      delete g[slot];
      expect(sharedResponseCache({})).not.toBeNull();
    } finally {
      g[slot] = saved;
    }
  });
});
