import { describe, expect, it } from "vitest";

import { readingMinutesOf, readingMinutesOfHtml } from "./count";

describe("reading time", () => {
  it("counts words at 230 a minute, at least one minute", () => {
    expect(readingMinutesOf("")).toBe(1);
    expect(readingMinutesOf("mot ".repeat(2300))).toBe(10);
    expect(readingMinutesOf("word ".repeat(10_000))).toBe(43);
  });

  it("counts Chinese, Japanese and Korean by the character", () => {
    expect(readingMinutesOf("台湾半导体".repeat(600))).toBe(6);
    expect(readingMinutesOf("한국어".repeat(1000))).toBe(6);
  });

  it("reads server HTML without counting its tags", () => {
    expect(readingMinutesOfHtml(`<p class="a b c">${"un deux ".repeat(1150)}</p>`.repeat(2))).toBe(20);
  });
});
