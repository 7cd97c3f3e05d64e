import { describe, expect, it } from "vitest";

import { utcToZonedLocal, zonedLocalToUtc } from "./time-zone";

describe("newsroom time zone", () => {
  it("reads wall-clock time in the newsroom's zone, across daylight saving", () => {
    expect(zonedLocalToUtc("2026-01-15T09:00", "Europe/Paris")?.toISOString()).toBe("2026-01-15T08:00:00.000Z");
    expect(zonedLocalToUtc("2026-07-15T09:00", "Europe/Paris")?.toISOString()).toBe("2026-07-15T07:00:00.000Z");
    expect(zonedLocalToUtc("2026-07-15T09:00", "America/New_York")?.toISOString()).toBe("2026-07-15T13:00:00.000Z");
    expect(zonedLocalToUtc("2026-07-15T09:00", "UTC")?.toISOString()).toBe("2026-07-15T09:00:00.000Z");
  });
  it("refuses malformed input and round-trips", () => {
    expect(zonedLocalToUtc("tomorrow", "Europe/Paris")).toBeNull();
    expect(utcToZonedLocal(new Date("2026-07-15T07:00:00Z"), "Europe/Paris")).toBe("2026-07-15T09:00");
  });
});
