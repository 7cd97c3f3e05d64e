/**
 * Who is on the other end of a request, decided once in server/serve.mjs before Next sees it.
 *
 * The client address is the socket's peer address. Only when TRUST_PROXY says the peer is a
 * proxy of ours (a hop count, or comma-separated addresses/CIDRs, or the names loopback,
 * linklocal, uniquelocal) are X-Forwarded-For entries written by trusted proxies believed
 * (proxy-addr, as Express does). The result is stamped into CLIENT_ADDRESS_HEADER after any
 * client-supplied value is deleted; the app (sign-in and set-password limits) reads only that.
 * From an untrusted peer the X-Forwarded-* and Forwarded headers are dropped as well, so the
 * host and scheme the app builds links from (mail, canonical URLs, Auth.js) are the real ones.
 */
import proxyAddr from "proxy-addr";

import { boundedMemo } from "../lib/bounded-memo.mjs";

export const CLIENT_ADDRESS_HEADER = "x-newsroom-client-address";
const FORWARDING_HEADERS = ["x-forwarded-for", "x-forwarded-host", "x-forwarded-proto", "x-forwarded-port", "x-real-ip", "forwarded"];

/**
 * TRUST_PROXY → proxy-addr's trust function. Unset, empty, "0" or "false": no proxy is trusted.
 * Throws on a value proxy-addr cannot read, so a typo stops the server at start.
 * @param {string | undefined} value
 * @returns {(addr: string, hop: number) => boolean}
 */
export function parseTrustProxy(value) {
  const v = (value ?? "").trim();
  if (v === "" || v === "0" || v.toLowerCase() === "false") return () => false;
  if (/^\d+$/.test(v)) {
    const hops = Number(v);
    return (_addr, hop) => hop < hops;
  }
  if (v.toLowerCase() === "true") throw new Error("TRUST_PROXY=true would trust any client's X-Forwarded-For: give a hop count or your proxies' addresses");
  const compiled = proxyAddr.compile(
    v
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean),
  );
  // A list of addresses or subnets: the answer depends on the address alone, and every request
  // asks it of the peer (parsing the address each time). The few peers a server sees are remembered.
  const trusted = boundedMemo((addr) => compiled(addr, 0), { maxEntries: 1024 });
  return (addr) => trusted(addr);
}

/**
 * @param {import("node:http").IncomingMessage} req
 * @param {(addr: string, hop: number) => boolean} trust
 * @returns {string} the client address now in req.headers[CLIENT_ADDRESS_HEADER]
 */
export function stampClientAddress(req, trust) {
  delete req.headers[CLIENT_ADDRESS_HEADER];
  const peer = req.socket?.remoteAddress ?? "";
  let address = peer;
  if (peer && trust(peer, 0)) {
    // Without X-Forwarded-For the client is the proxy itself (proxy-addr's answer, without its parsing).
    if (req.headers["x-forwarded-for"] !== undefined) address = proxyAddr(req, trust);
  } else {
    for (const name of FORWARDING_HEADERS) delete req.headers[name];
  }
  req.headers[CLIENT_ADDRESS_HEADER] = address || "unknown";
  return req.headers[CLIENT_ADDRESS_HEADER];
}
