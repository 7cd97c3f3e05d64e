import { createServer, request, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { gunzipSync, gzipSync } from "node:zlib";
import { afterEach, describe, expect, it } from "vitest";

import { cspApplier, cspTemplate } from "../csp.mjs";
import { entryCost } from "./entry-store.mjs";
import { withoutClientRuntime } from "./no-client-js.mjs";
import { fillTemplate, templateOf } from "./nonce-body.mjs";
import { createPageCache } from "./page-cache.mjs";

const NONCE_IN_POLICY = /script-src 'nonce-([A-Za-z0-9_-]+)' 'strict-dynamic'/;

describe("nonce templates", () => {
  const page = (nonce: string) =>
    `<html><head><script nonce="${nonce}" src="/a.js"></script></head><body>${"<p>Un paragraphe « accentué ».</p>".repeat(300)}` +
    `<script nonce="${nonce}">self.__next_f.push([1,"x"])</script>${"<p>suite</p>".repeat(500)}<script nonce="${nonce}"></script></body></html>`;

  it("puts a new nonce everywhere the old one was, identity and gzip, and nowhere else", () => {
    const old = "AAAAAAAAAAAAAAAAAAAAAA";
    const fresh = "b_c-DEFGHIJKLMNOPQRSTu";
    const identity = templateOf(Buffer.from(page(old)), "identity", old)!;
    expect(fillTemplate(identity, fresh).toString()).toBe(page(fresh));
    const gzip = templateOf(gzipSync(page(old)), "gzip", old)!;
    const out = fillTemplate(gzip, fresh);
    expect(gunzipSync(out).toString()).toBe(page(fresh));
    // Still compressed (the page is 20 KB of text).
    expect(out.length).toBeLessThan(Buffer.byteLength(page(old)) / 4);
  });

  it("counts the pieces of headers that named the nonce, and a gzip template's tables, against the budget", () => {
    const body = Buffer.from("<p>x</p>");
    const plain = entryCost("k", { headers: { link: "</s.css>" }, body });
    const link = "</s.css>; rel=preload; nonce=";
    expect(entryCost("k", { headers: { link: "</s.css>" }, body, nonceHeaders: [["link", [[link, ""]]]] })).toBe(plain + 4 + link.length);
    const gzip = templateOf(gzipSync(page("AAAAAAAAAAAAAAAAAAAAAA")), "gzip", "AAAAAAAAAAAAAAAAAAAAAA")!;
    expect(entryCost("k", { headers: {}, body: gzip.stored, template: gzip })).toBeGreaterThan(gzip.stored.length + 4 * 33 * 8);
  });

  it("keeps no template of a coding it cannot fill", () => {
    expect(templateOf(Buffer.from("x"), "deflate", "n")).toBeNull();
    expect(templateOf(Buffer.from("not gzip"), "gzip", "n")).toBeNull();
  });
});

describe("page cache with a CSP nonce per response", () => {
  let server: Server | null = null;
  afterEach(async () => {
    await new Promise((r) => (server ? server.close(r) : r(undefined)));
    server = null;
  });

  const ARTICLE = (nonce: string) =>
    `<!DOCTYPE html><link rel="stylesheet" href="/s.css" nonce="${nonce}"/><script nonce="${nonce}" src="/c.js"></script><p>Article</p><script nonce="${nonce}">go()</script><script type="application/ld+json" nonce="${nonce}">{"@type":"NewsArticle"}</script>`;

  /**
   * Like Next: the nonce comes from the request's policy header; gzip when asked for.
   * `readerPage`: the page goes through the reader's rewrite (no script, no nonce in the markup),
   * as public pages do in server/serve.mjs. `page`: the HTML rendered with a nonce.
   */
  async function start({ readerPage = false, page = ARTICLE } = {}) {
    let renders = 0;
    const cache = createPageCache({ readGeneration: () => Promise.resolve(1), checkIntervalMs: 0 });
    const applyCsp = cspApplier(cspTemplate());
    server = createServer((req, res) => {
      const nonce = applyCsp(req, res);
      void cache.handle(
        req,
        res,
        () => {
          renders++;
          if (readerPage) withoutClientRuntime(res, { dropNonces: true });
          const fromHeader = NONCE_IN_POLICY.exec(String(req.headers["content-security-policy"]))?.[1];
          const html = page(String(fromHeader));
          res.setHeader("content-type", "text/html; charset=utf-8");
          // Next's preload of the stylesheet names the nonce too.
          res.setHeader("link", `</s.css>; rel=preload; as="style"; nonce="${fromHeader}"`);
          if (String(req.headers["accept-encoding"]).includes("gzip")) {
            res.setHeader("content-encoding", "gzip");
            res.end(gzipSync(html));
          } else res.end(html);
        },
        nonce,
      );
    });
    await new Promise<void>((r) => server!.listen(0, "127.0.0.1", () => r()));
    return { port: (server!.address() as AddressInfo).port, renders: () => renders };
  }

  const get = (port: number, encoding?: string) =>
    new Promise<{ cache: string; policy: string; link: string; body: string }>((resolve, reject) => {
      const req = request({ host: "127.0.0.1", port, path: "/articles/une", headers: encoding ? { "accept-encoding": encoding } : {} }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => {
          const raw = Buffer.concat(chunks);
          resolve({
            cache: String(res.headers["x-newsroom-cache"]),
            policy: String(res.headers["content-security-policy"]),
            link: String(res.headers.link),
            body: (res.headers["content-encoding"] === "gzip" ? gunzipSync(raw) : raw).toString("utf8"),
          });
        });
      });
      req.on("error", reject);
      req.end();
    });

  for (const encoding of [undefined, "gzip, deflate, br"]) {
    it(`never serves two responses with one nonce, hits included (${encoding ?? "identity"})`, async () => {
      const s = await start();
      const seen = new Set<string>();
      for (let i = 0; i < 30; i++) {
        const r = await get(s.port, encoding);
        expect(r.cache).toBe(i === 0 ? "miss" : "hit");
        expect(r.policy.split(";").find((d) => d.trim().startsWith("script-src"))).not.toContain("unsafe-inline");
        const nonce = NONCE_IN_POLICY.exec(r.policy)?.[1];
        expect(nonce).toMatch(/^[A-Za-z0-9_-]{22}$/);
        // The page's scripts (and the rest) carry this response's nonce, and only it.
        expect([...r.body.matchAll(/nonce="([^"]*)"/g)].map((m) => m[1])).toEqual([nonce, nonce, nonce, nonce]);
        // So does the stylesheet's preload header.
        expect(r.link).toBe(`</s.css>; rel=preload; as="style"; nonce="${nonce}"`);
        for (const earlier of seen) expect(r.body + r.link).not.toContain(earlier);
        seen.add(nonce!);
      }
      expect(seen.size).toBe(30);
      expect(s.renders()).toBe(1);
    });

    it(`serves a reader's page with no nonce in its markup, one body for all, a nonce of its own in each policy (${encoding ?? "identity"})`, async () => {
      const s = await start({ readerPage: true });
      const seen = new Set<string>();
      for (let i = 0; i < 5; i++) {
        const r = await get(s.port, encoding);
        expect(r.cache).toBe(i === 0 ? "miss" : "hit");
        const nonce = NONCE_IN_POLICY.exec(r.policy)?.[1];
        expect(nonce).toMatch(/^[A-Za-z0-9_-]{22}$/);
        expect(seen.has(nonce!)).toBe(false);
        seen.add(nonce!);
        // Scripts gone but the structured data, which keeps no nonce attribute; nor does the stylesheet or its preload.
        expect(r.body).toBe(
          `<!DOCTYPE html><link rel="stylesheet" href="/s.css"/><p>Article</p><script type="application/ld+json">{"@type":"NewsArticle"}</script>`,
        );
        expect(r.link).toBe(`</s.css>; rel=preload; as="style"`);
      }
      expect(s.renders()).toBe(1);
    });
  }

  it("keeps a page with a pending boundary whole, with its scripts and each response's nonce on them", async () => {
    // React's streamed boundary, which only a script fills in.
    const { port } = await start({
      readerPage: true,
      page: (n) =>
        `<!DOCTYPE html><!--$?--><template id="B:0"></template><div hidden id="S:0"><p>Suite</p></div><script nonce="${n}">$RC("B:0","S:0")</script>`,
    });
    for (const cache of ["miss", "hit"]) {
      const r = await get(port);
      expect(r.cache).toBe(cache);
      const nonce = NONCE_IN_POLICY.exec(r.policy)?.[1];
      expect(nonce).toMatch(/^[A-Za-z0-9_-]{22}$/);
      expect(r.body).toContain(`<script nonce="${nonce}">$RC(`);
    }
  });
});
