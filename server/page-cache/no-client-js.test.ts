import { createServer, get, type IncomingHttpHeaders, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { createGzip, gunzipSync, gzipSync } from "node:zlib";
import { afterEach, describe, expect, it } from "vitest";

import { isReaderPage, stripClientRuntime, wholePageRequest, withoutClientRuntime } from "./no-client-js.mjs";
import { canonicalPublicUrl } from "./public-routes.mjs";

/** What Next writes for a public page, in the shape it has (runtime chunks, preloads, flight payload, JSON-LD). */
const PAGE = [
  '<!DOCTYPE html><html lang="fr"><head><meta charSet="utf-8"/>',
  '<link rel="stylesheet" href="/_next/static/chunks/a.css" nonce="N" data-precedence="next"/>',
  '<link rel="preload" as="script" fetchPriority="low" href="/_next/static/chunks/b.js"/>',
  '<link rel="modulepreload" href="/_next/static/chunks/c.js"/>',
  '<link rel="preload" href="/brand/logo.webp" as="image"/>',
  '<script src="/_next/static/chunks/b.js" async="" nonce="N"></script>',
  "<title>L’été à Montréal</title>",
  '<script type="application/ld+json">{"@context":"https://schema.org","headline":"L\\u003c/script\\u003e"}</script>',
  "</head><body><main><h1>Alerte &lt;/script&gt;&lt;script&gt;x()&lt;/script&gt;</h1>",
  '<p title="&lt;script&gt;">Texte</p></main>',
  '<script nonce="N">(self.__next_f=self.__next_f||[]).push([0])</script>',
  '<script nonce="N">self.__next_f.push([1,"0:\\u003cscript\\u003e"])</SCRIPT >',
  "</body></html>",
].join("");

/** The bytes as sent (no decoding), with the headers. */
function rawGet(url: string): Promise<{ headers: IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    get(url, { headers: { "accept-encoding": "gzip" } }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ headers: res.headers, body: Buffer.concat(chunks) }));
    }).on("error", reject);
  });
}

describe("stripClientRuntime", () => {
  it("removes every script but structured data, and script preloads; keeps everything else byte for byte", () => {
    const out = stripClientRuntime(PAGE);
    expect(out).not.toMatch(/<script(?![^>]*application\/ld\+json)/i);
    expect(out).not.toContain("__next_f");
    expect(out).not.toContain("b.js");
    expect(out).not.toContain("c.js");
    expect(out).toContain('<script type="application/ld+json">{"@context":"https://schema.org","headline":"L\\u003c/script\\u003e"}</script>');
    expect(out).toContain('<link rel="stylesheet" href="/_next/static/chunks/a.css" nonce="N" data-precedence="next"/>');
    expect(out).toContain('<link rel="preload" href="/brand/logo.webp" as="image"/>');
    expect(out).toContain("<h1>Alerte &lt;/script&gt;&lt;script&gt;x()&lt;/script&gt;</h1>");
    expect(out).toContain('<p title="&lt;script&gt;">Texte</p></main></body></html>');
    expect(stripClientRuntime(out)).toBe(out);
  });

  it("keeps the scripts of a page whose part came after the shell, which only a script moves into place", () => {
    // What Next sends when the metadata is streamed: the title waits in a hidden boundary.
    const streamed = PAGE.replace("<title>L’été à Montréal</title>", "").replace(
      "<body>",
      '<body><div hidden=""><!--$?--><template id="B:0"></template><!--/$--></div><div hidden id="S:0"><title>L’été à Montréal</title></div><script nonce="N">$RC("B:0","S:0")</script>',
    );
    expect(stripClientRuntime(streamed)).toBe(streamed);
  });
});

describe("the page comes whole, metadata in the head", () => {
  const chrome = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";

  it("Next is told to block on metadata for every user agent, browsers included", async () => {
    const config = (await import("../../next.config.js")).default as { htmlLimitedBots?: RegExp };
    expect(config.htmlLimitedBots).toBeInstanceOf(RegExp);
    for (const ua of [chrome, "curl/8.5.0", "-", "Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) Version/18.0 Mobile/15E148 Safari/604.1"])
      expect(config.htmlLimitedBots!.test(ua), ua).toBe(true);
  });

  it("a request without a user agent gets one (Next streams for those whatever the setting); one with its own keeps it", () => {
    const bare = { headers: {} } as IncomingMessage;
    wholePageRequest(bare);
    expect(bare.headers["user-agent"]).toBe("-");
    const browser = { headers: { "user-agent": chrome } } as IncomingMessage;
    wholePageRequest(browser);
    expect(browser.headers["user-agent"]).toBe(chrome);
  });
});

describe("withoutClientRuntime on a real HTTP response", () => {
  let server: Server | null = null;
  afterEach(() => server?.close());

  async function serve(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<string> {
    server = createServer(handler);
    await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  it("a gzip page written in chunks comes out rewritten, gzip, with its length", async () => {
    const base = await serve((_req, res) => {
      withoutClientRuntime(res);
      res.setHeader("content-type", "text/html; charset=utf-8");
      res.setHeader("content-encoding", "gzip");
      res.flushHeaders();
      const body = gzipSync(Buffer.from(PAGE));
      res.write(body.subarray(0, 10));
      res.write(body.subarray(10, 200));
      res.end(body.subarray(200));
    });
    const r = await rawGet(base);
    expect(r.headers["content-encoding"]).toBe("gzip");
    expect(r.headers["transfer-encoding"]).toBeUndefined();
    expect(Number(r.headers["content-length"])).toBe(r.body.length);
    expect(gunzipSync(r.body).toString("utf8")).toBe(stripClientRuntime(PAGE));
  });

  it("every byte of the text comes back as it was: accents, CJK, RTL, emoji, and an attribute whose UTF-8 ends in 0xA0 (à)", async () => {
    const text = [
      '<link title="Déjàrel=modulepreload et la suite" rel="alternate" type="application/rss+xml" href="/feed.xml"/>',
      "<p>Cybersécurité « française » — 網絡安全 · الأمن السيبراني · 🔐 « Voilà »</p>",
    ].join("");
    const page = PAGE.replace("</head>", `${text}</head>`);
    for (const gzip of [false, true]) {
      const base = await serve((_req, res) => {
        withoutClientRuntime(res);
        res.setHeader("content-type", "text/html; charset=utf-8");
        if (gzip) res.setHeader("content-encoding", "gzip");
        res.end(gzip ? gzipSync(Buffer.from(page)) : Buffer.from(page));
      });
      const r = await rawGet(base);
      const body = gzip ? gunzipSync(r.body) : r.body;
      expect(body.equals(Buffer.from(stripClientRuntime(page)))).toBe(true);
      expect(body.toString("utf8")).toContain(text);
      server?.close();
    }
  });

  it("an identity page written with writeHead is rewritten too; an error page (Next fills it in on the client) is not", async () => {
    const base = await serve((req, res) => {
      withoutClientRuntime(res);
      res.writeHead(req.url === "/missing" ? 404 : 200, {
        "Content-Type": "text/html; charset=utf-8",
        "Content-Length": String(Buffer.byteLength(PAGE)),
        "X-Kept": "yes",
      });
      // Asked again with no headers while the page is held (compression's implicit header does this).
      if (req.url !== "/missing") res.writeHead(200);
      res.end(PAGE);
    });
    const r = await fetch(base);
    const text = await r.text();
    expect(text).toBe(stripClientRuntime(PAGE));
    expect(Number(r.headers.get("content-length"))).toBe(Buffer.byteLength(text));
    expect(r.headers.get("x-kept")).toBe("yes");
    const missing = await fetch(`${base}/missing`);
    expect(missing.status).toBe(404);
    expect(await missing.text()).toBe(PAGE);
  });

  it("passes a compressed feed through whole when a compression layer wraps it afterwards, as Next's does", async () => {
    const feed = `<?xml version="1.0"?><rss><channel>${"<item>élément</item>".repeat(500)}</channel></rss>`;
    const base = await serve((_req, res) => {
      withoutClientRuntime(res);
      // A later wrapper that keeps the functions it found, like the compression middleware.
      const { write, end } = res as unknown as { write: (c: Buffer) => boolean; end: (c?: Buffer) => void };
      const gz = createGzip();
      gz.on("data", (c: Buffer) => write.call(res, c));
      gz.on("end", () => end.call(res));
      res.setHeader("content-type", "application/rss+xml; charset=utf-8");
      res.setHeader("content-encoding", "gzip");
      // Its first write sends the headers at once (compression calls _implicitHeader).
      (res as unknown as { write: (c: string) => boolean }).write = (c: string) => {
        if (!res.headersSent) res.writeHead(res.statusCode);
        return gz.write(c);
      };
      (res as unknown as { end: () => void }).end = () => gz.end();
      res.write(feed.slice(0, 100));
      res.write(feed.slice(100));
      res.end();
    });
    const r = await rawGet(base);
    expect(gunzipSync(r.body).toString("utf8")).toBe(feed);
  });

  it("anything but HTML passes through untouched and unbuffered (a feed, a navigation payload)", async () => {
    const feed = '<?xml version="1.0"?><rss><channel><script>kept</script></channel></rss>';
    const base = await serve((req, res) => {
      withoutClientRuntime(res);
      if (req.url === "/rsc") {
        res.setHeader("content-type", "text/x-component");
        res.write('0:["$","script"]\n');
        res.end();
        return;
      }
      res.setHeader("content-type", "application/rss+xml; charset=utf-8");
      res.end(feed);
    });
    expect(await (await fetch(base)).text()).toBe(feed);
    expect(await (await fetch(`${base}/rsc`)).text()).toBe('0:["$","script"]\n');
  });

  it("applies to a reader's GET or HEAD of a public route only", () => {
    const req = (method: string, url: string, headers: Record<string, string> = {}) => ({ method, url, headers }) as unknown as IncomingMessage;
    expect(isReaderPage(req("GET", "/articles/l-ete"), canonicalPublicUrl)).toBe(true);
    expect(isReaderPage(req("HEAD", "/search?q=x"), canonicalPublicUrl)).toBe(true);
    expect(isReaderPage(req("GET", "/newsroom/articles/1"), canonicalPublicUrl)).toBe(false);
    expect(isReaderPage(req("GET", "/login"), canonicalPublicUrl)).toBe(false);
    expect(isReaderPage(req("POST", "/"), canonicalPublicUrl)).toBe(false);
    expect(isReaderPage(req("GET", "/", { rsc: "1" }), canonicalPublicUrl)).toBe(false);
  });
});
