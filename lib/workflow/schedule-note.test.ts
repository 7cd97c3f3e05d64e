import { describe, expect, it } from "vitest";

import { scheduledAtOf, scheduleNote } from "./schedule-note";

describe("a schedule's revision note", () => {
  it("gives back the time it was written with; any other note is none", () => {
    const at = new Date("2026-12-20T13:00:00.000Z");
    expect(scheduledAtOf(scheduleNote(at))?.toISOString()).toBe(at.toISOString());
    for (const note of [null, "", "Relu par le desk", "Scheduled for tomorrow"]) expect(scheduledAtOf(note), String(note)).toBeNull();
  });
});
