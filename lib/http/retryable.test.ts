import { expect, it, vi } from "vitest";

import { retryable } from "./retryable";

it("turns a thrown error into 503 + Retry-After and passes answers through", async () => {
  vi.spyOn(console, "error").mockImplementation(() => {});
  const failing = retryable(async () => {
    throw new Error("CONNECTION_CLOSED");
  });
  const r = await failing();
  expect(r.status).toBe(503);
  expect(r.headers.get("retry-after")).toBe("30");
  expect(await r.text()).toMatch(/Try again/);
  const ok = retryable(async (n: number) => new Response(String(n)));
  expect(await (await ok(7)).text()).toBe("7");
});
