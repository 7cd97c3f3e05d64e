import { describe, expect, it } from "vitest";

import { serializeJsonLd } from "./json-ld";

describe("serializeJsonLd", () => {
  it("cannot be closed by text inside it and parses back to the same data", () => {
    const data = { headline: "</script><script>alert(1)</script> & <!-- \u2028 «é» 東京 😀" };
    const out = serializeJsonLd(data);
    expect(out).not.toMatch(/<|>|&/);
    expect(JSON.parse(out)).toEqual(data);
  });
});
