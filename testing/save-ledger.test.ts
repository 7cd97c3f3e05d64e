import { describe, expect, it } from "vitest";

import { SaveLedger } from "./save-ledger";

describe("SaveLedger (the lost-update model)", () => {
  it("accepts a gapless run whose final text is the last acknowledged save", () => {
    const l = new SaveLedger(1);
    l.record("ack", "a", 2);
    l.record("conflict", "x");
    l.record("ack", "b", 3);
    l.observe(2, "a");
    expect(l.verdict({ version: 3, text: "b" })).toMatchObject({ attempted: 3, acknowledged: 2, conflicts: 1, lost: 0, problems: [] });
  });

  it("flags an acknowledged save overwritten without a version (a lost update)", () => {
    const l = new SaveLedger(1);
    l.record("ack", "a", 2);
    l.record("ack", "b", 2);
    expect(l.verdict({ version: 2, text: "b" }).problems[0]).toMatch(/acknowledged twice/);
    const m = new SaveLedger(1);
    m.record("ack", "a", 2);
    m.observe(2, "not a");
    expect(m.verdict({ version: 2, text: "a" }).lost).toBe(1);
  });

  it("flags a save acknowledged above expectedVersion + 1 (it overwrote a version it never saw)", () => {
    const l = new SaveLedger(1);
    l.record("ack", "a", 2, 1);
    l.record("ack", "b", 3, 1);
    const v = l.verdict({ version: 3, text: "b" });
    expect(v.lost).toBe(1);
    expect(v.problems[0]).toMatch(/based on version 1 acknowledged as 3/);
  });

  it("flags a final text that is not the last acknowledged save, and versions nobody acknowledged", () => {
    const l = new SaveLedger(1);
    l.record("ack", "a", 2);
    const v = l.verdict({ version: 2, text: "other" });
    expect(v.lost).toBe(1);
    const gap = new SaveLedger(1);
    gap.record("ack", "a", 3);
    expect(gap.verdict({ version: 3, text: "a" }).problems[0]).toMatch(/without an acknowledged save: 2/);
    // A save whose answer never arrived may own the missing version.
    expect(gap.verdict({ version: 3, text: "a" }, 1).problems).toEqual([]);
  });
});
