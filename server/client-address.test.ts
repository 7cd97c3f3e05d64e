/**
 * Client headers are not believed from an untrusted peer (or a client could pick its own address or
 * origin): the client address is the socket's, and X-Forwarded-Host/-Proto (mail links in
 * lib/auth/origin.ts, canonical URLs in lib/seo/site-url.ts, Auth.js' own URLs, the page-cache key)
 * are dropped unless TRUST_PROXY names the peer. Over real HTTP on loopback.
 */
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";

import { CLIENT_ADDRESS_HEADER, parseTrustProxy, stampClientAddress } from "./client-address.mjs";

let server: Server | null = null;
afterEach(() => server?.close());

async function seenBy(trustProxy: string | undefined, headers: Record<string, string>): Promise<IncomingHttpHeaders> {
  const trust = parseTrustProxy(trustProxy);
  server = createServer((req, res) => {
    stampClientAddress(req, trust);
    res.end(JSON.stringify(req.headers));
  });
  await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return (await fetch(`http://127.0.0.1:${port}/`, { headers })).json();
}

const spoof = {
  "x-forwarded-for": "203.0.113.1",
  "x-forwarded-host": "evil.example",
  "x-forwarded-proto": "https",
  "x-forwarded-port": "443",
  "x-real-ip": "203.0.113.2",
  forwarded: "for=203.0.113.3;host=evil.example",
  [CLIENT_ADDRESS_HEADER]: "203.0.113.4",
};

describe("stampClientAddress", () => {
  it("without TRUST_PROXY: the socket address, and no forwarding header survives", async () => {
    const h = await seenBy(undefined, spoof);
    expect(h[CLIENT_ADDRESS_HEADER]).toBe("127.0.0.1");
    for (const name of ["x-forwarded-for", "x-forwarded-host", "x-forwarded-proto", "x-forwarded-port", "x-real-ip", "forwarded"])
      expect(h[name], name).toBeUndefined();
  });

  it("from a trusted proxy: its forwarding headers are kept and its X-Forwarded-For names the client", async () => {
    const h = await seenBy("loopback", spoof);
    expect(h[CLIENT_ADDRESS_HEADER]).toBe("203.0.113.1");
    expect(h["x-forwarded-host"]).toBe("evil.example");
  });

  it("from a trusted proxy that sends no X-Forwarded-For: the proxy's own address", async () => {
    const h = await seenBy("loopback", { "x-forwarded-host": "news.example" });
    expect(h[CLIENT_ADDRESS_HEADER]).toBe("127.0.0.1");
    expect(h["x-forwarded-host"]).toBe("news.example");
  });

  it("a list of trusted addresses answers the same when asked again (its answers are remembered)", () => {
    const trust = parseTrustProxy("10.0.0.0/8, ::1");
    for (let round = 0; round < 2; round++)
      expect(["10.1.2.3", "11.1.2.3", "::1", "::2", "not an ip"].map((a) => trust(a, 0))).toEqual([true, false, true, false, false]);
  });

  it("TRUST_PROXY naming other addresses does not trust this peer", async () => {
    const h = await seenBy("10.0.0.0/8, 192.0.2.1", spoof);
    expect(h[CLIENT_ADDRESS_HEADER]).toBe("127.0.0.1");
    expect(h["x-forwarded-host"]).toBeUndefined();
  });

  it("reads TRUST_PROXY as off, a hop count or a list; refuses 'true' and nonsense", () => {
    for (const off of [undefined, "", "0", "false"]) expect(parseTrustProxy(off)("127.0.0.1", 0)).toBe(false);
    const two = parseTrustProxy("2");
    expect([two("1.2.3.4", 0), two("1.2.3.4", 1), two("1.2.3.4", 2)]).toEqual([true, true, false]);
    expect(parseTrustProxy("loopback, 10.0.0.0/8")("10.1.2.3", 0)).toBe(true);
    expect(() => parseTrustProxy("true")).toThrow(/hop count/);
    expect(() => parseTrustProxy("not-an-address")).toThrow();
  });
});
