import { expect, test, type APIRequestContext } from "@playwright/test";

import { TYPICAL } from "./fixtures";
import { LoginPage } from "./pages/login-page";

/**
 * /metrics on the production server (server/serve.mjs, METRICS_TOKEN from scripts/e2e-server.mjs):
 * refused without the token, and its counters follow real traffic — public pages rendered then
 * served from the page cache, newsroom and API requests, a refused sign-in — while the database
 * figures (pool, scheduler, mail outbox) come from the running app. Every response names its
 * request id.
 */
const TOKEN = "e2e-metrics-token-not-for-production";

async function scrape(request: APIRequestContext): Promise<string> {
  const res = await request.get("/metrics", { headers: { authorization: `Bearer ${TOKEN}` } });
  expect(res.status()).toBe(200);
  return res.text();
}
const value = (text: string, series: string) => {
  const line = text.split("\n").find((l) => l.startsWith(`${series} `));
  return line ? Number(line.slice(series.length + 1)) : 0;
};

test("/metrics without the token or with another one is refused, and shows nothing", async ({ request }) => {
  for (const headers of [{} as Record<string, string>, { authorization: "Bearer wrong" }, { authorization: TOKEN }, { authorization: `Bearer ${TOKEN}x` }]) {
    const res = await request.get("/metrics", { headers });
    expect(res.status(), JSON.stringify(headers)).toBe(401);
    expect(await res.text()).not.toContain("newsroom_");
  }
});

test("counters follow the traffic; the database figures come from the app", async ({ request, page }) => {
  const before = await scrape(request);
  const moved = (after: string, series: string) => value(after, series) - value(before, series);

  // A public page twice: rendered (or already cached), then answered from the page cache.
  const article = `/articles/${TYPICAL.slug}`;
  const first = await request.get(article);
  const second = await request.get(article);
  expect(second.headers()["x-newsroom-cache"]).toBe("hit");
  // Each answer, cached or not, names its own request.
  const ids = [first.headers()["x-request-id"], second.headers()["x-request-id"]];
  expect(ids[0]).toMatch(/^[0-9a-f-]{36}$/);
  expect(ids[1]).toMatch(/^[0-9a-f-]{36}$/);
  expect(ids[0]).not.toBe(ids[1]);
  expect((await request.get("/api/health")).status()).toBe(200);

  // A refused sign-in through the form (its own client address: the per-address limit stays clear).
  await page.setExtraHTTPHeaders({ "x-forwarded-for": `10.77.${Math.floor(Math.random() * 254) + 1}.${Math.floor(Math.random() * 254) + 1}` });
  const login = new LoginPage(page);
  await login.goto();
  await login.email.fill("editor@newsroom.test");
  await login.password.fill("not the password");
  await login.submit.click();
  await expect.poll(async () => moved(await scrape(request), 'newsroom_sign_in_failures_total{reason="invalid"}')).toBe(1);

  const after = await scrape(request);
  expect(moved(after, 'newsroom_http_requests_total{group="public",method="GET",status="200"}')).toBeGreaterThanOrEqual(2);
  expect(moved(after, 'newsroom_http_requests_total{group="api",method="GET",status="200"}')).toBeGreaterThanOrEqual(1);
  expect(moved(after, 'newsroom_http_requests_total{group="auth",method="GET",status="200"}')).toBeGreaterThanOrEqual(1); // the form
  expect(moved(after, 'newsroom_http_request_duration_seconds_count{group="public"}')).toBeGreaterThanOrEqual(2);
  expect(moved(after, "newsroom_page_cache_hits_total")).toBeGreaterThanOrEqual(1);
  expect(value(after, "newsroom_page_cache_hits_total") + value(after, "newsroom_page_cache_misses_total")).toBeGreaterThan(0);
  expect(value(after, "newsroom_db_up")).toBe(1);
  expect(value(after, "newsroom_db_pool_max")).toBeGreaterThanOrEqual(1);
  expect(after).toMatch(/^newsroom_scheduler_lag_seconds \d/m);
  expect(after).toMatch(/^newsroom_scheduler_due_articles \d/m);
  expect(after).toMatch(/^newsroom_outbox_backlog\{outbox="mail"\} \d/m);
  if (process.env.E2E_PG_URL) expect(after).toMatch(/^newsroom_db_connections\{state="\w+"\} [1-9]/m);
  // The job runner's first run comes 2 s after start.
  expect(value(after, "newsroom_scheduler_runs_total")).toBeGreaterThanOrEqual(1);
});
