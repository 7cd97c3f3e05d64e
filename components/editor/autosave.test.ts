import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

import type { SaveResult } from "@/lib/articles/editing";
import { saveAnswer } from "@/lib/articles/save-answer";

import { AutosaveController, DEBOUNCE_MS, MAX_WAIT_MS } from "./autosave";

type Call = { expectedVersion: number; saveId: string; changes: Record<string, unknown> };

function setup(reply: (call: Call) => Promise<SaveResult> | SaveResult) {
  const calls: Call[] = [];
  let bodyReads = 0;
  const ctl = new AutosaveController({
    articleId: "a",
    version: 1,
    getBody: () => {
      bodyReads++;
      return '{"type":"doc"}';
    },
    save: async (input) => {
      calls.push(input);
      return saveAnswer(await reply(input));
    },
  });
  return { ctl, calls, bodyReads: () => bodyReads };
}
const ok = (version: number): SaveResult => ({ ok: true, version, slug: "s", savedAt: new Date().toISOString() });

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe("AutosaveController", () => {
  it("saves once, 1 s after typing stops, serialising the body rarely", async () => {
    const { ctl, calls, bodyReads } = setup((c) => ok(c.expectedVersion + 1));
    for (let i = 0; i < 20; i++) {
      ctl.markBodyDirty();
      await vi.advanceTimersByTimeAsync(100);
    }
    expect(calls).toHaveLength(0);
    // 20 keystrokes over 2 s: the body was serialised once (the local backup), not per keystroke.
    expect(bodyReads()).toBe(1);
    await vi.advanceTimersByTimeAsync(DEBOUNCE_MS);
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({ expectedVersion: 1, changes: { body: '{"type":"doc"}' } });
    expect(ctl.status.kind).toBe("saved");
    expect(ctl.version).toBe(2);
  });

  it("saves at least every 10 s during non-stop typing", async () => {
    const { ctl, calls } = setup((c) => ok(c.expectedVersion + 1));
    for (let t = 0; t < MAX_WAIT_MS + 500; t += 200) {
      ctl.set("headline", `h${t}`);
      await vi.advanceTimersByTimeAsync(200);
    }
    expect(calls.length).toBe(1);
  });

  it("stops on a conflict, keeps the changes and reports it to flush()", async () => {
    const { ctl, calls } = setup(() => ({ ok: false, code: "conflict", message: "x", current: { version: 5, updatedAt: "", updatedByName: "Marie" } }));
    ctl.set("headline", "mine");
    await vi.advanceTimersByTimeAsync(DEBOUNCE_MS);
    expect(ctl.status).toMatchObject({ kind: "conflict", current: { updatedByName: "Marie" } });
    ctl.set("headline", "mine again");
    await vi.advanceTimersByTimeAsync(MAX_WAIT_MS * 2);
    expect(calls).toHaveLength(1);
    expect(ctl.unsaved()).toEqual({ headline: "mine again" });
    expect((await ctl.flush()).ok).toBe(false);
  });

  it("retries with backoff after a network failure and keeps what was typed meanwhile", async () => {
    let fail = true;
    const { ctl, calls } = setup((c) => {
      if (fail) throw new TypeError("Failed to fetch");
      return ok(c.expectedVersion + 1);
    });
    ctl.set("dek", "one");
    await vi.advanceTimersByTimeAsync(DEBOUNCE_MS);
    expect(ctl.status.kind).toBe("retrying");
    fail = false;
    ctl.set("headline", "two");
    await vi.advanceTimersByTimeAsync(2000);
    expect(calls.at(-1)!.changes).toEqual({ dek: "one", headline: "two" });
    expect(ctl.status.kind).toBe("saved");
    expect(ctl.isDirty()).toBe(false);
  });

  it("retries a save of unknown outcome with the same save id and version; a new save gets a new id", async () => {
    // The first answer is lost (thrown), the second is "unavailable" (the server may have
    // committed): the retries must say "this is the same save" so the server can recognise it.
    const replies: (() => SaveResult)[] = [
      () => {
        throw new TypeError("Failed to fetch");
      },
      () => ({ ok: false, code: "unavailable", message: "Try again" }),
      () => ok(2),
      () => ok(3),
    ];
    const { ctl, calls } = setup(() => replies.shift()!());
    ctl.set("dek", "one");
    await vi.advanceTimersByTimeAsync(DEBOUNCE_MS);
    ctl.set("headline", "two");
    await vi.advanceTimersByTimeAsync(1000 + 2000);
    expect(calls).toHaveLength(3);
    expect(ctl.status.kind).toBe("saved");
    expect(calls.map((c) => c.expectedVersion)).toEqual([1, 1, 1]);
    expect(calls[0].saveId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(new Set(calls.map((c) => c.saveId)).size).toBe(1);
    ctl.set("headline", "three");
    await vi.advanceTimersByTimeAsync(DEBOUNCE_MS);
    expect(calls).toHaveLength(4);
    expect(calls[3]).toMatchObject({ expectedVersion: 2 });
    expect(calls[3].saveId).not.toBe(calls[0].saveId);
  });

  it("flush() saves pending changes now and returns the server's version", async () => {
    const { ctl, calls } = setup((c) => ok(c.expectedVersion + 1));
    ctl.set("headline", "now");
    await expect(ctl.flush()).resolves.toEqual({ ok: true, version: 2 });
    expect(calls).toHaveLength(1);
    await expect(ctl.flush()).resolves.toEqual({ ok: true, version: 2 });
    expect(calls).toHaveLength(1);
  });
});
