import { describe, expect, it } from "vitest";

import { withoutNul } from "./text";

describe("withoutNul", () => {
  it("drops U+0000 from strings, arrays and object keys at any depth, and keeps everything else", () => {
    expect(withoutNul("a\u0000b")).toBe("ab");
    expect(withoutNul({ type: "doc", content: [{ text: "<scr\u0000ipt>", "k\u0000": 1, n: 2, b: true, z: null }] })).toEqual({
      type: "doc",
      content: [{ text: "<script>", k: 1, n: 2, b: true, z: null }],
    });
    expect(withoutNul("\u0001\u2028é")).toBe("\u0001\u2028é");
    const file = new Blob(["x"]);
    expect(withoutNul({ photo: file }).photo).toBe(file);
  });

  it("answers for input nested 100,000 levels instead of overflowing the stack", () => {
    let deep: unknown = "a\u0000";
    for (let i = 0; i < 100_000; i++) deep = { content: [deep] };
    expect(() => withoutNul({ body: deep })).not.toThrow();
    expect(withoutNul({ content: [{ content: ["a\u0000"] }] })).toEqual({ content: [{ content: ["a"] }] });
  });
});
