import { describe, expect, it } from "vitest";

import { embargoNotice, embargoTimeLeft } from "./notice";

describe("embargo notice", () => {
  const until = new Date("2026-12-01T09:00:00Z");
  it("names the end in the newsroom zone while it runs, nothing once passed", () => {
    expect(embargoNotice({ embargoUntil: until }, "Europe/Paris", new Date("2026-12-01T08:00:00Z"))).toBe("Embargoed until 1 Dec 2026, 10:00 (Europe/Paris)");
    expect(embargoNotice({ embargoUntil: until }, "Europe/Paris", until)).toBeNull();
    expect(embargoNotice({ embargoUntil: null }, "Europe/Paris")).toBeNull();
  });
  it("says how long is left", () => {
    expect(embargoTimeLeft(until, new Date(until.getTime() - 12 * 60_000))).toBe("12 min");
    expect(embargoTimeLeft(until, new Date(until.getTime() - 125 * 60_000))).toBe("2 h 05 min");
    expect(embargoTimeLeft(until, new Date(until.getTime() - 51 * 3_600_000))).toBe("2 d 3 h");
  });
});
