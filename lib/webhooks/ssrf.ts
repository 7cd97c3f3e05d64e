import { lookup as dnsLookup, type LookupAddress } from "node:dns";
import { BlockList, isIP } from "node:net";

/*
 * Webhook requests leave the server towards addresses an admin typed: they must not reach the
 * machine itself, the private network or the cloud metadata service (169.254.169.254). Every
 * address a name resolves to is checked at connection time (the same lookup the socket uses, so
 * a name cannot resolve to a public address when checked and a private one when connected).
 * WEBHOOK_ALLOW_PRIVATE=1 lifts this (tests, a receiver on the LAN).
 */

const blocked = new BlockList();
for (const [net, prefix] of [
  ["0.0.0.0", 8],
  ["10.0.0.0", 8],
  ["100.64.0.0", 10],
  ["127.0.0.0", 8],
  ["169.254.0.0", 16],
  ["172.16.0.0", 12],
  ["192.0.0.0", 24],
  ["192.168.0.0", 16],
  ["198.18.0.0", 15],
  ["224.0.0.0", 4],
  ["240.0.0.0", 4],
] as const)
  blocked.addSubnet(net, prefix, "ipv4");
for (const [net, prefix] of [
  ["::", 128],
  ["::1", 128],
  ["fc00::", 7],
  ["fe80::", 10],
  ["ff00::", 8],
] as const)
  blocked.addSubnet(net, prefix, "ipv6");

export const allowPrivate = (env: Record<string, string | undefined> = process.env) => env.WEBHOOK_ALLOW_PRIVATE === "1";

/** The IPv4 address inside an IPv4-mapped IPv6 one (::ffff:a.b.c.d or ::ffff:xxxx:xxxx). */
function mappedV4(address: string): string | null {
  const m = /^::ffff:(.+)$/i.exec(address);
  if (!m) return null;
  if (isIP(m[1]) === 4) return m[1];
  const hex = /^([0-9a-f]{1,4}):([0-9a-f]{1,4})$/i.exec(m[1]);
  if (!hex) return null;
  const [a, b] = [parseInt(hex[1], 16), parseInt(hex[2], 16)];
  return [a >> 8, a & 255, b >> 8, b & 255].join(".");
}

/** Whether an IP address is private, loopback, link-local, multicast or otherwise not the public internet. */
export function isPrivateAddress(address: string): boolean {
  const bare = address.replace(/^\[|\]$/g, "").replace(/%.*$/, "");
  const v4 = isIP(bare) === 4 ? bare : mappedV4(bare);
  if (v4) return blocked.check(v4, "ipv4");
  return isIP(bare) === 6 ? blocked.check(bare, "ipv6") : true;
}

export class BlockedAddressError extends Error {
  constructor(host: string, address: string) {
    super(`${host} resolves to ${address}, a private, loopback or link-local address: refused (WEBHOOK_ALLOW_PRIVATE=1 allows it)`);
  }
}

type LookupCallback = (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/** A dns.lookup for http.request that refuses blocked addresses (all of them checked). */
export function guardedLookup(hostname: string, options: { all?: boolean; family?: number | string }, callback: LookupCallback): void {
  dnsLookup(hostname, { ...options, all: true } as { all: true }, (err, addresses) => {
    if (err) return callback(err, []);
    if (!allowPrivate()) {
      const bad = addresses.find((a) => isPrivateAddress(a.address));
      if (bad) return callback(Object.assign(new BlockedAddressError(hostname, bad.address), { code: "EBLOCKED" }), []);
    }
    if (options.all) return callback(null, addresses);
    const first = addresses[0];
    if (!first) return callback(Object.assign(new Error(`${hostname} has no address`), { code: "ENOTFOUND" }), []);
    callback(null, first.address, first.family);
  });
}

/**
 * Checks a URL an admin entered: http(s), and (unless allowed) a host that resolves only to public
 * addresses. Returns the sentence to show at the field, or null when it is fine.
 */
export async function webhookUrlProblem(raw: string): Promise<string | null> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return "Enter a full URL, like https://example.org/hooks/newsroom.";
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") return "The URL must start with https:// (or http://).";
  if (url.username || url.password) return "Put no user name or password in the URL: each request is signed instead.";
  if (allowPrivate()) return null;
  const host = url.hostname.replace(/^\[|\]$/g, "");
  if (isIP(host)) return isPrivateAddress(host) ? `${host} is a private, loopback or link-local address: webhooks only go to public addresses.` : null;
  try {
    const addresses = await new Promise<LookupAddress[]>((resolve, reject) => dnsLookup(host, { all: true }, (e, a) => (e ? reject(e) : resolve(a))));
    const bad = addresses.find((a) => isPrivateAddress(a.address));
    return bad ? `${host} resolves to ${bad.address}, a private, loopback or link-local address: webhooks only go to public addresses.` : null;
  } catch {
    return `${host} could not be resolved: check the host name.`;
  }
}
