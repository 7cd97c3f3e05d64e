/**
 * The sign-in rate limit lives in the database, so it holds across app instances. On PostgreSQL
 * two separate connection pools stand for two instances. PGlite is one process per data folder
 * (a second handle on the same folder would corrupt it, see stack.md §8), so there one handle
 * plays both instances: the state is still only in the database, which is what is under test.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDb, type Handle } from "@/db";
import { insertUser } from "@/db/queries/users";
import { hashPassword } from "@/lib/auth/password";
import { createTestDb, type TestDb } from "@/lib/testing/db";
import { authenticate } from "./authenticate";
import { MAX_FAILURES, WINDOW_MS } from "./rate-limit";

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
});
afterAll(async () => {
  await second?.close();
  await t?.drop();
});

describe("sign-in rate limit", () => {
  it("refuses the 6th attempt on an account after 5 failures spread over two instances, and says when to retry", async () => {
    for (let i = 0; i < MAX_FAILURES; i++) {
      const r = await authenticate(instances[i % 2], { email: "Nina@Example.org", password: `wrong-${i}`, ip: `10.0.0.${i}`, now: at(i) });
      expect(r).toEqual({ ok: false, code: "invalid" });
    }
    // Even the right password is refused now, from either instance and another address.
    for (const db of instances) {
      const r = await authenticate(db, { email: "nina@example.org", password: "correct horse battery", ip: "10.9.9.9", now: at(6) });
      expect(r).toEqual({ ok: false, code: "rate_limited", retryAt: new Date(at(0).getTime() + WINDOW_MS) });
    }
    // Once the oldest failure leaves the window, the right password works again.
    const later = await authenticate(instances[1], { email: "nina@example.org", password: "correct horse battery", ip: "10.9.9.9", now: at(15.01) });
    expect(later.ok).toBe(true);
  });

  it("a success resets the account's count", async () => {
    for (let i = 0; i < MAX_FAILURES - 1; i++) {
      await authenticate(instances[i % 2], { email: "nina@example.org", password: "nope", ip: `10.1.0.${i}`, now: at(20 + i) });
    }
    expect((await authenticate(instances[0], { email: "nina@example.org", password: "correct horse battery", ip: "10.1.1.1", now: at(25) })).ok).toBe(true);
    const r = await authenticate(instances[1], { email: "nina@example.org", password: "nope", ip: "10.1.1.2", now: at(26) });
    expect(r).toEqual({ ok: false, code: "invalid" });
  });

  it("limits an IP address that tries many accounts, known or not, the same way", async () => {
    const ip = "203.0.113.7";
    for (let i = 0; i < MAX_FAILURES; i++) {
      expect(await authenticate(instances[i % 2], { email: `ghost${i}@example.org`, password: "x", ip, now: at(40 + i) })).toEqual({ ok: false, code: "invalid" });
    }
    const blocked = await authenticate(instances[1], { email: "nina@example.org", password: "correct horse battery", ip, now: at(46) });
    expect(blocked).toMatchObject({ ok: false, code: "rate_limited" });
    // The account itself is not blocked from elsewhere.
    expect((await authenticate(instances[0], { email: "nina@example.org", password: "correct horse battery", ip: "198.51.100.1", now: at(46) })).ok).toBe(true);
  });

  it("an unknown email is rate limited exactly like a known one", async () => {
    for (let i = 0; i < MAX_FAILURES; i++) {
      await authenticate(instances[i % 2], { email: "nobody@example.org", password: "x", ip: `10.2.0.${i}`, now: at(60 + i) });
    }
    expect(await authenticate(instances[0], { email: "nobody@example.org", password: "x", ip: "10.2.9.9", now: at(66) })).toMatchObject({ ok: false, code: "rate_limited" });
  });

  it("concurrent attempts from two instances cannot slip past the limit", async () => {
    const email = "nina@example.org";
    const runs = Array.from({ length: 12 }, (_, i) =>
      authenticate(instances[i % 2], { email, password: "wrong", ip: `10.3.0.${i}`, now: at(80) }),
    );
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
});
