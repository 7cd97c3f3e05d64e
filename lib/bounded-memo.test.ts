import { describe, expect, it } from "vitest";

import { boundedMemo } from "./bounded-memo.mjs";

describe("boundedMemo", () => {
  it("computes each argument once while it is remembered, empties itself when full, never keeps long arguments", () => {
    const calls: string[] = [];
    const length = boundedMemo(
      (s) => {
        calls.push(s);
        return s === "none" ? null : s.length;
      },
      { maxEntries: 3, maxKeyLength: 10 },
    );
    expect([length("a"), length("a"), length("none"), length("none")]).toEqual([1, 1, null, null]);
    expect(calls).toEqual(["a", "none"]);
    length("bb");
    length("ccc"); // full: emptied, then "ccc" kept
    length("a");
    expect(calls).toEqual(["a", "none", "bb", "ccc", "a"]);
    const long = "x".repeat(11);
    length(long);
    length(long);
    expect(calls.filter((c) => c === long)).toHaveLength(2);
  });
});
