/**
 * The sign-in rate limit lives in the database, so it holds across app instances. On PostgreSQL
 * two separate connection pools stand for two instances. PGlite is one process per data folder
 * (a second handle on the same folder would corrupt it), so there one handle
 * plays both instances: the state is still only in the database, which is what is under test.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { openDb, type Handle } from "@/db";
import { insertUser } from "@/db/queries/users";
import { hashPassword } from "@/lib/auth/password";
import { parseTrustProxy, stampClientAddress } from "@/server/client-address.mjs";
import { createTestDb, type TestDb } from "@/testing/db";

import { authenticate, clientIp } from "./authenticate";
import { ACCOUNT_MAX_FAILURES, ACCOUNT_WINDOW_MS, MAX_FAILURES, WINDOW_MS } from "./rate-limit";

let t: TestDb;
let second: Handle | null = null;
let instances: [Handle["db"], Handle["db"]];
const T0 = new Date("2030-01-01T10:00:00Z");
const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);

beforeAll(async () => {
  t = await createTestDb();
  if (t.engine === "postgres") second = await openDb({ databaseUrl: t.url, migrate: false, max: 2 });
  instances = [t.db, second?.db ?? t.db];
  await insertUser({ db: t.db, email: "nina@example.org", name: "Nina", role: "journalist", passwordHash: await hashPassword("correct horse battery") });
  await insertUser({ db: t.db, email: "omar@example.org", name: "Omar", role: "journalist", passwordHash: await hashPassword("correct horse battery") });
  await insertUser({ db: t.db, email: "lea@example.org", name: "Léa", role: "journalist", passwordHash: await hashPassword("correct horse battery") });
});
afterAll(async () => {
  await second?.close();
  await t?.drop();
});

describe("sign-in rate limit", () => {
  it("refuses the 6th attempt on an account from an address after 5 failures spread over two instances, and says when to retry", async () => {
    const ip = "10.0.0.1";
    for (let i = 0; i < MAX_FAILURES; i++) {
      const r = await authenticate(instances[i % 2], { email: "Nina@Example.org", password: `wrong-${i}`, ip, now: at(i) });
      expect(r).toEqual({ ok: false, code: "invalid" });
    }
    // Even the right password is refused now from that address, from either instance.
    for (const db of instances) {
      const r = await authenticate(db, { email: "nina@example.org", password: "correct horse battery", ip, now: at(6) });
      expect(r).toEqual({ ok: false, code: "rate_limited", retryAt: new Date(at(0).getTime() + WINDOW_MS) });
    }
    // Once the oldest failure leaves the window, the right password works again.
    const later = await authenticate(instances[1], { email: "nina@example.org", password: "correct horse battery", ip, now: at(15.01) });
    expect(later.ok).toBe(true);
  });

  it("a success resets the account's count", async () => {
    for (let i = 0; i < MAX_FAILURES - 1; i++) {
      await authenticate(instances[i % 2], { email: "nina@example.org", password: "nope", ip: "10.1.0.1", now: at(20 + i) });
    }
    expect((await authenticate(instances[0], { email: "nina@example.org", password: "correct horse battery", ip: "10.1.0.1", now: at(25) })).ok).toBe(true);
    const r = await authenticate(instances[1], { email: "nina@example.org", password: "nope", ip: "10.1.0.1", now: at(26) });
    expect(r).toEqual({ ok: false, code: "invalid" });
  });

  it("limits an IP address that tries many accounts, known or not, the same way", async () => {
    const ip = "203.0.113.7";
    for (let i = 0; i < MAX_FAILURES; i++) {
      expect(await authenticate(instances[i % 2], { email: `ghost${i}@example.org`, password: "x", ip, now: at(40 + i) })).toEqual({
        ok: false,
        code: "invalid",
      });
    }
    const blocked = await authenticate(instances[1], { email: "nina@example.org", password: "correct horse battery", ip, now: at(46) });
    expect(blocked).toMatchObject({ ok: false, code: "rate_limited" });
    // The account itself is not blocked from elsewhere.
    expect((await authenticate(instances[0], { email: "nina@example.org", password: "correct horse battery", ip: "198.51.100.1", now: at(46) })).ok).toBe(true);
  });

  it("an unknown email is rate limited exactly like a known one", async () => {
    for (let i = 0; i < MAX_FAILURES; i++) {
      await authenticate(instances[i % 2], { email: "nobody@example.org", password: "x", ip: "10.2.0.1", now: at(60 + i) });
    }
    expect(await authenticate(instances[0], { email: "nobody@example.org", password: "x", ip: "10.2.0.1", now: at(66) })).toMatchObject({
      ok: false,
      code: "rate_limited",
    });
  });

  it("concurrent attempts from two instances cannot slip past the limit", async () => {
    const email = "nina@example.org";
    const runs = Array.from({ length: 12 }, (_, i) => authenticate(instances[i % 2], { email, password: "wrong", ip: "10.3.0.1", now: at(80) }));
    const results = await Promise.all(runs);
    const checked = results.filter((r) => !r.ok && r.code === "invalid").length;
    expect(checked).toBeLessThanOrEqual(MAX_FAILURES);
    expect(results.some((r) => !r.ok && r.code === "rate_limited")).toBe(true);
  });

  it("an unknown email costs the same bcrypt work as a wrong password on a known one", async () => {
    const median = async (email: string, tag: string) => {
      const times: number[] = [];
      for (let i = 0; i < 3; i++) {
        const start = performance.now();
        await authenticate(instances[0], { email, password: "wrong", ip: `10.4.${tag}.${i}`, now: at(200 + i) });
        times.push(performance.now() - start);
      }
      return times.sort((a, b) => a - b)[1];
    };
    const known = await median("nina@example.org", "1");
    const unknown = await median("unknown-person@example.org", "2");
    // bcrypt at cost 12 dominates both (hundreds of ms); a skipped comparison would be ~100× faster.
    expect(unknown / known).toBeGreaterThan(0.5);
    expect(unknown / known).toBeLessThan(2);
  });

  it("a stranger's failures from another address do not lock the user out (within the per-address limit)", async () => {
    const attacker = "198.51.100.66";
    for (let i = 0; i < MAX_FAILURES * 2; i++) {
      await authenticate(instances[i % 2], { email: "nina@example.org", password: `guess-${i}`, ip: attacker, now: at(300 + i * 0.1) });
    }
    expect(await authenticate(instances[0], { email: "nina@example.org", password: "guess-x", ip: attacker, now: at(302) })).toMatchObject({
      ok: false,
      code: "rate_limited",
    });
    // Nina, from her own address, mistypes a few times and still gets in.
    const home = "192.0.2.10";
    for (let i = 0; i < MAX_FAILURES - 1; i++) {
      expect(await authenticate(instances[1], { email: "nina@example.org", password: "typo", ip: home, now: at(303 + i * 0.1) })).toEqual({
        ok: false,
        code: "invalid",
      });
    }
    expect((await authenticate(instances[0], { email: "nina@example.org", password: "correct horse battery", ip: home, now: at(304) })).ok).toBe(true);
  });

  it("many addresses do not give unlimited guesses: a slower per-account backstop trips", async () => {
    // ACCOUNT_MAX_FAILURES failures, each from its own address (under every per-address limit).
    const start = 400;
    for (let batch = 0; batch < ACCOUNT_MAX_FAILURES; batch += 5) {
      const results = await Promise.all(
        Array.from({ length: 5 }, (_, j) => batch + j).map((i) =>
          authenticate(instances[i % 2], {
            email: "omar@example.org",
            password: `guess-${i}`,
            ip: `203.0.${Math.floor(i / 250)}.${(i % 250) + 1}`,
            now: at(start + i * 0.5),
          }),
        ),
      );
      for (const r of results) expect(r).toEqual({ ok: false, code: "invalid" });
    }
    // Now even the right password from a fresh address waits until the oldest failure is an hour old.
    const blocked = await authenticate(instances[0], { email: "omar@example.org", password: "correct horse battery", ip: "192.0.2.77", now: at(start + 30) });
    expect(blocked).toEqual({ ok: false, code: "rate_limited", retryAt: new Date(at(start).getTime() + ACCOUNT_WINDOW_MS) });
    const later = await authenticate(instances[1], { email: "omar@example.org", password: "correct horse battery", ip: "192.0.2.77", now: at(start + 60.01) });
    expect(later.ok).toBe(true);
  });
});

/**
 * The address the limits count comes from the socket, over real HTTP: a server that does what
 * server/serve.mjs does (stampClientAddress) and then what Auth.js' authorize() does
 * (clientIp on the request headers).
 */
describe("client address for the limits", () => {
  let server: Server | null = null;
  afterAll(() => server?.close());

  async function serve(trustProxy: string | undefined) {
    server?.close();
    const trust = parseTrustProxy(trustProxy);
    let n = 0;
    server = createServer(async (req, res) => {
      stampClientAddress(req, trust);
      const ip = clientIp(new Headers(req.headers as Record<string, string>));
      const i = n++;
      const r = await authenticate(t.db, { email: `victim${i}-${trustProxy ?? "none"}@example.org`, password: "x", ip, now: at(600 + i * 0.01) });
      res.setHeader("content-type", "application/json");
      res.end(JSON.stringify({ ip, code: r.ok ? "ok" : r.code }));
    });
    await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
    const port = (server!.address() as AddressInfo).port;
    return async (headers: Record<string, string>) => (await fetch(`http://127.0.0.1:${port}/`, { headers })).json() as Promise<{ ip: string; code: string }>;
  }

  it("rotating X-Forwarded-For does not bypass the per-address limit on a bare deployment", async () => {
    const send = await serve(undefined);
    const answers = [];
    for (let i = 0; i < MAX_FAILURES + 1; i++) {
      answers.push(await send({ "x-forwarded-for": `10.66.${i}.1`, "x-real-ip": `10.77.${i}.1`, "x-newsroom-client-address": `10.88.${i}.1` }));
    }
    expect(new Set(answers.map((a) => a.ip))).toEqual(new Set(["127.0.0.1"]));
    expect(answers.slice(0, MAX_FAILURES).map((a) => a.code)).toEqual(Array(MAX_FAILURES).fill("invalid"));
    expect(answers[MAX_FAILURES].code).toBe("rate_limited");
  });

  it("behind a trusted proxy (TRUST_PROXY), the address that proxy saw counts", async () => {
    const send = await serve("loopback");
    expect((await send({ "x-forwarded-for": "203.0.113.5" })).ip).toBe("203.0.113.5");
    // Only the entries written by trusted proxies: a client-supplied prefix is skipped.
    expect((await send({ "x-forwarded-for": "10.0.0.9, 203.0.113.6" })).ip).toBe("203.0.113.6");
    const hops = await serve("1");
    expect((await hops({ "x-forwarded-for": "10.0.0.9, 203.0.113.7" })).ip).toBe("203.0.113.7");
    const other = await serve("192.0.2.0/24");
    expect((await other({ "x-forwarded-for": "203.0.113.8" })).ip).toBe("127.0.0.1");
  });
});
