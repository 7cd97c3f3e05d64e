import { describe, expect, it } from "vitest";

import { depthExceeds, jsonTextDepthExceeds } from "./depth";

describe("nesting depth without recursion", () => {
  const nest = (n: number) => {
    let v: unknown = "x";
    for (let i = 0; i < n; i++) v = i % 2 ? [v] : { a: v };
    return v;
  };
  it("counts objects and arrays, not scalars", () => {
    expect(depthExceeds("x", 0)).toBe(false);
    expect(depthExceeds(nest(3), 3)).toBe(false);
    expect(depthExceeds(nest(4), 3)).toBe(true);
    expect(depthExceeds({ a: [1, { b: 2 }], c: {} }, 3)).toBe(false);
    expect(depthExceeds({ a: [1, { b: [] }] }, 3)).toBe(true);
  });
  it("reads JSON text the same way, brackets inside strings ignored", () => {
    for (const n of [0, 3, 4, 10]) expect(jsonTextDepthExceeds(JSON.stringify(nest(n)), 3), String(n)).toBe(depthExceeds(nest(n), 3));
    expect(jsonTextDepthExceeds(JSON.stringify({ a: '[[[[{{{{\\"[[[[' }), 1)).toBe(false);
  });
  it("handles a million levels without overflowing the stack", () => {
    expect(depthExceeds(nest(1_000_000), 100)).toBe(true);
    expect(jsonTextDepthExceeds("[".repeat(1_000_000), 100)).toBe(true);
  });
  it("copes with a cycle", () => {
    const a: Record<string, unknown> = {};
    a.self = a;
    expect(depthExceeds(a, 5)).toBe(false);
  });
});
