import { describe, expect, it } from "vitest";

import { isValidHostHeader, requestOrigin, sanitizeForwardedHeaders, validHost, validProto } from "./request-origin.mjs";

describe("origins from request headers", () => {
  const origin = (headers: Record<string, string>, fallback?: { host?: string; proto?: string }) => requestOrigin((n) => headers[n], fallback);

  it("ignores empty, malformed or unknown forwarded values and falls back to Host", () => {
    for (const bad of <Record<string, string>[]>[
      { "x-forwarded-proto": "" },
      { "x-forwarded-host": "" },
      { "x-forwarded-proto": "gopher" },
      { "x-forwarded-proto": "javascript" },
      { "x-forwarded-host": "a b" },
      { "x-forwarded-host": "evil.example/x" },
      { "x-forwarded-host": "u@evil.example" },
      { "x-forwarded-host": "h:99999" },
      { "x-forwarded-host": "[::1" },
      { "x-forwarded-host": "-bad-.example" },
    ]) {
      expect(origin({ host: "news.example", ...bad }), JSON.stringify(bad)).toBe("https://news.example");
    }
    expect(origin({ host: "localhost:3000", "x-forwarded-proto": "" })).toBe("http://localhost:3000");
    expect(origin({ host: "" })).toBe("http://localhost:3000");
    expect(origin({ host: "bad host" }, { host: "127.0.0.1:3200", proto: "http" })).toBe("http://127.0.0.1:3200");
    expect(() => new URL("/x", `${origin({ host: "news.example", "x-forwarded-host": " ", "x-forwarded-proto": " " })}/`)).not.toThrow();
  });

  it("follows valid values, first entry of a list, case-folded", () => {
    expect(origin({ host: "internal:8080", "x-forwarded-host": "News.Example.org, proxy.internal", "x-forwarded-proto": "HTTPS, http" })).toBe(
      "https://news.example.org",
    );
    expect(origin({ host: "news.example", "x-forwarded-proto": "http" })).toBe("http://news.example");
    expect(validHost("[2001:db8::1]:443")).toBe("[2001:db8::1]:443");
    expect(validHost("app_1:3000")).toBe("app_1:3000");
    expect(validProto("https")).toBe("https");
  });

  it("cleans the headers before Next and Auth.js read them", () => {
    const req = { headers: { "x-forwarded-host": "", "x-forwarded-proto": "https, http", host: "news.example" } as Record<string, string | undefined> };
    sanitizeForwardedHeaders(req);
    expect(req.headers).toEqual({ "x-forwarded-proto": "https", host: "news.example" });
    const other = { headers: { "x-forwarded-host": "cdn.example", "x-forwarded-proto": "gopher" } as Record<string, string | undefined> };
    sanitizeForwardedHeaders(other);
    expect(other.headers).toEqual({ "x-forwarded-host": "cdn.example" });
  });

  it("accepts only one host[:port] as a Host header", () => {
    for (const ok of ["localhost:3000", "news.example.org", "news.example.org.:443", "127.0.0.1:3200", "[::1]:3000", "News.Example"])
      expect(isValidHostHeader(ok), ok).toBe(true);
    for (const bad of [undefined, "", "a b", "evil.example/x", "a, b", "[::1", "u@h", "h:99999", "h:"]) expect(isValidHostHeader(bad), String(bad)).toBe(false);
  });
});
