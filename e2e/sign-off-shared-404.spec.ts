import { request as http, type APIRequestContext, type APIResponse } from "@playwright/test";

import { expect, test } from "./fixtures";

/**
 * A shared preview link that is unknown, expired or revoked: the same 404 as for any other, over
 * HTTP from a real server. Same status, same headers (apart from the date and what is drawn per
 * response: the CSP nonce and the request id), same body once the token the address carried and
 * the nonce are set aside; and the same time, compared as medians over interleaved rounds.
 */
const SLUG = `apercu-partage-refus-${Date.now().toString(36)}`;
const ROUNDS = 25;
// Headers that differ between any two responses, whatever they answer.
const PER_RESPONSE = new Set(["date", "x-request-id", "content-length"]);
let n = 0;
// TRUST_PROXY=loopback in the e2e server: each request from its own address, clear of the per-address limit.
const address = () => `10.${90 + (Math.floor(n / 60000) % 10)}.${Math.floor(n / 250) % 240}.${(n++ % 250) + 1}`;

const randomToken = () => Buffer.from(crypto.getRandomValues(new Uint8Array(32))).toString("base64url");

async function open(api: APIRequestContext, token: string): Promise<{ res: APIResponse; ms: number; body: string }> {
  const start = performance.now();
  const res = await api.get(`/preview/${token}`, { headers: { "x-forwarded-for": address() }, maxRedirects: 0 });
  const body = await res.text();
  return { res, ms: performance.now() - start, body };
}

/** What is left of a response once the per-response values are set aside. */
function shape({ res, body }: { res: APIResponse; body: string }, token: string) {
  const nonce = /'nonce-([A-Za-z0-9_-]+)'/.exec(res.headers()["content-security-policy"] ?? "")?.[1];
  const clean = (s: string) => (nonce ? s.replaceAll(nonce, "NONCE") : s).replaceAll(token, "TOKEN");
  const headers = Object.fromEntries(
    Object.entries(res.headers())
      .filter(([k]) => !PER_RESPONSE.has(k))
      .map(([k, v]) => [k, clean(v)]),
  );
  return { status: res.status(), headers, body: clean(body) };
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return (s[Math.floor((s.length - 1) / 2)] + s[Math.ceil((s.length - 1) / 2)]) / 2;
};

test("unknown, expired and revoked shared-preview tokens answer the same 404, in the same time", async ({ request, baseURL }) => {
  test.setTimeout(180_000);
  const created = await request.post("/api/test-hooks/articles", {
    data: { action: "create", slug: SLUG, value: "Aperçu partagé, refus identiques", state: "approved" },
  });
  expect(created.ok(), await created.text()).toBe(true);
  const make = async (kind: "open" | "expired" | "revoked") => {
    const r = await request.post("/api/test-hooks/previews", { data: { slug: SLUG, kind } });
    expect(r.ok(), await r.text()).toBe(true);
    return ((await r.json()) as { token: string }).token;
  };
  const tokens = { expired: await make("expired"), revoked: await make("revoked"), live: await make("open") };
  const kinds = ["unknown", "expired", "revoked"] as const;
  const tokenOf = (k: (typeof kinds)[number]) => (k === "unknown" ? randomToken() : tokens[k]);

  // Someone without an account: no cookies at all.
  const api = await http.newContext({ baseURL, storageState: { cookies: [], origins: [] } });
  try {
    // The live link opens (so the refusals below are not the limit or a broken page talking).
    const live = await open(api, tokens.live);
    expect(live.res.status()).toBe(200);

    const shapes = [];
    for (const k of kinds) {
      const token = tokenOf(k);
      shapes.push(shape(await open(api, token), token));
    }
    for (const s of shapes) expect(s.status).toBe(404);
    expect(shapes[1].headers, "expired vs unknown: headers").toEqual(shapes[0].headers);
    expect(shapes[2].headers, "revoked vs unknown: headers").toEqual(shapes[0].headers);
    expect(shapes[1].body === shapes[0].body, "expired vs unknown: body").toBe(true);
    expect(shapes[2].body === shapes[0].body, "revoked vs unknown: body").toBe(true);
    expect(shapes[0].headers["cache-control"]).toMatch(/no-store/);
    expect(shapes[0].headers["referrer-policy"]).toBe("no-referrer");
    expect(shapes[0].headers["x-robots-tag"]).toMatch(/noindex/);

    // Timing: interleaved, in a shuffled order each round.
    const times: Record<(typeof kinds)[number], number[]> = { unknown: [], expired: [], revoked: [] };
    for (let i = 0; i < 3; i++) for (const k of kinds) await open(api, tokenOf(k));
    for (let round = 0; round < ROUNDS; round++) {
      for (const k of [...kinds].sort(() => Math.random() - 0.5)) {
        const r = await open(api, tokenOf(k));
        expect(r.res.status()).toBe(404);
        times[k].push(r.ms);
      }
    }
    const m = Object.fromEntries(kinds.map((k) => [k, median(times[k])])) as Record<(typeof kinds)[number], number>;
    console.log(`shared preview 404 medians over ${ROUNDS} rounds (ms): ${kinds.map((k) => `${k} ${m[k].toFixed(1)}`).join(", ")}`);
    // Same time: within 30 % of the slower or 10 ms, whichever is more (a loaded two-core machine).
    const same = (a: number, b: number) => Math.abs(a - b) <= Math.max(0.3 * Math.max(a, b), 10);
    expect(same(m.unknown, m.expired), `unknown ${m.unknown} vs expired ${m.expired}`).toBe(true);
    expect(same(m.unknown, m.revoked), `unknown ${m.unknown} vs revoked ${m.revoked}`).toBe(true);
    expect(same(m.expired, m.revoked), `expired ${m.expired} vs revoked ${m.revoked}`).toBe(true);
  } finally {
    await api.dispose();
  }
});
