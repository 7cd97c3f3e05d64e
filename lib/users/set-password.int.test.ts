/**
 * The set-password link is unauthenticated: a made-up or dead link must cost a database lookup
 * and nothing else (no bcrypt), the form is limited per address, and hashing a real password
 * never holds the event loop: otherwise anyone could tie the server up without an account.
 */
import { randomBytes } from "node:crypto";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { insertUser } from "@/db/queries/users";
import { authenticate } from "@/lib/auth/authenticate";
import { hashPassword, passwordWork } from "@/lib/auth/password";
import { MAX_FAILURES, WINDOW_MS } from "@/lib/auth/rate-limit";
import { createTestDb, type TestDb } from "@/testing/db";

import { createUser, resetPassword } from "./manage";
import { consumeToken, issueToken, setPasswordWithToken } from "./tokens";

let t: TestDb;
const admin = { id: "", role: "admin" as const, active: true };
let userId = "";
const T0 = new Date(Date.now() + 60_000);
const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);

beforeAll(async () => {
  t = await createTestDb();
  admin.id = (await insertUser({ db: t.db, email: "root@example.org", name: "Root", role: "admin", passwordHash: null })).id;
  const r = await createUser(t.db, admin, { name: "Léa", email: "lea@example.org", role: "journalist" });
  if (!r.ok) throw new Error("setup");
  userId = r.data.userId;
});
afterAll(async () => t?.drop());

/** Made-up links of every shape, plus a used one and an expired one. */
async function deadLinks(): Promise<string[]> {
  const used = await issueToken(t.db, userId, "reset");
  expect((await consumeToken(t.db, used.token, "first password here")).ok).toBe(true);
  const expired = await issueToken(t.db, userId, "reset", new Date(Date.now() - 3 * 24 * 3_600_000));
  return ["a", "", "x".repeat(5000), randomBytes(32).toString("base64url"), randomBytes(32).toString("base64url"), used.token, expired.token];
}

describe("set-password with a dead link", () => {
  it("costs no password hash and stays fast", async () => {
    const links = await deadLinks();
    const before = passwordWork.hashes;
    const times: number[] = [];
    for (let round = 0; round < 3; round++) {
      for (const token of links) {
        const start = performance.now();
        const r = await consumeToken(t.db, token, "a perfectly fine password");
        times.push(performance.now() - start);
        expect(r).toMatchObject({ ok: false, message: expect.stringMatching(/not valid any more/) });
      }
    }
    expect(passwordWork.hashes).toBe(before);
    // A bcrypt hash at cost 12 alone takes ~250 ms (native) to ~1 s (bcryptjs); a lookup a few ms.
    times.sort((a, b) => a - b);
    expect(times[Math.floor(times.length / 2)]).toBeLessThan(50);
  });

  it("many concurrent dead-link submissions do not block the event loop", async () => {
    const links = await deadLinks();
    const lag = monitorEventLoopDelay({ resolution: 5 });
    lag.enable();
    await Promise.all(
      Array.from({ length: 24 }, (_, i) =>
        setPasswordWithToken(t.db, { token: links[i % links.length], password: "a perfectly fine password", ip: `198.51.100.${i}`, now: at(i * 0.01) }),
      ),
    );
    lag.disable();
    // Typical tick delay stays at the timer's resolution; bcrypt on the main thread holds it for hundreds of ms.
    expect(lag.percentile(50) / 1e6).toBeLessThan(50);
    expect(lag.max / 1e6).toBeLessThan(300);
  });

  it("a live link is hashed once, and the hash runs off the event loop", async () => {
    const reset = await resetPassword(t.db, admin, { userId });
    if (!reset.ok) throw new Error("reset");
    const before = passwordWork.hashes;
    expect((await setPasswordWithToken(t.db, { token: reset.data.token, password: "a brand new password", ip: "192.0.2.1", now: at(1) })).ok).toBe(true);
    expect(passwordWork.hashes).toBe(before + 1);
    expect((await authenticate(t.db, { email: "lea@example.org", password: "a brand new password", ip: "192.0.2.1" })).ok).toBe(true);

    // Four cost-12 hashes at once: the loop keeps ticking (bcryptjs ran them on the main thread).
    const lag = monitorEventLoopDelay({ resolution: 5 });
    lag.enable();
    const hashes = await Promise.all(Array.from({ length: 4 }, (_, i) => hashPassword(`password number ${i}`)));
    lag.disable();
    for (const h of hashes) expect(h).toMatch(/^\$2b\$12\$/);
    expect(lag.percentile(50) / 1e6).toBeLessThan(50);
    expect(lag.max / 1e6).toBeLessThan(300);
  });
});

describe("set-password rate limit", () => {
  it("refuses an address after 5 dead links in 15 minutes, even with a good link; other addresses are not affected", async () => {
    const ip = "203.0.113.50";
    for (let i = 0; i < MAX_FAILURES; i++) {
      const r = await setPasswordWithToken(t.db, { token: randomBytes(32).toString("base64url"), password: "whatever password", ip, now: at(10 + i) });
      expect(r).toMatchObject({ ok: false, message: expect.stringMatching(/not valid any more/) });
    }
    const reset = await resetPassword(t.db, admin, { userId });
    if (!reset.ok) throw new Error("reset");
    const before = passwordWork.hashes;
    const refused = await setPasswordWithToken(t.db, { token: reset.data.token, password: "the good one here", ip, now: at(16) });
    expect(refused).toMatchObject({ ok: false, message: expect.stringMatching(/Too many attempts/), retryAt: new Date(at(10).getTime() + WINDOW_MS) });
    expect(passwordWork.hashes).toBe(before);
    // The per-address count of set-password is its own: sign-in from there still works.
    expect(await authenticate(t.db, { email: "root@example.org", password: "not the password", ip, now: at(16) })).toEqual({ ok: false, code: "invalid" });
    // Another address, and the same one once the window has passed, may use the link.
    expect((await setPasswordWithToken(t.db, { token: reset.data.token, password: "the good one here", ip: "203.0.113.51", now: at(16) })).ok).toBe(true);
  });
});
