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
});
