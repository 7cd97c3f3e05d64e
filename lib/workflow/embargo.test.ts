import { describe, expect, it } from "vitest";

import { availableTransitions, canEmbargo, canTransition, embargoedTransitions, type PolicyUser } from "@/lib/permissions";
import type { Role } from "@/lib/roles";

import { transition, WORKFLOW_ACTIONS, type Actor, type ArticleStatus, type WorkflowAction } from "./article-workflow";

/**
 * The embargo rule as a table, independently of the module: for an article that the actor could
 * otherwise move, which actions the embargo stops, with the clock before, at and after its end.
 */
const NOW = new Date("2026-12-01T08:00:00Z");
const EMBARGO = new Date("2026-12-01T09:00:00Z");
const BEFORE = new Date(EMBARGO.getTime() - 1);
const AFTER = new Date(EMBARGO.getTime() + 60_000);

type Row = { status: ArticleStatus; action: WorkflowAction; actor: "editor" | "system"; now: Date; scheduledAt?: Date; want: "ok" | "embargoed" };
const TABLE: Row[] = [
  { status: "approved", action: "publish", actor: "editor", now: NOW, want: "embargoed" },
  { status: "approved", action: "publish", actor: "editor", now: BEFORE, want: "embargoed" },
  { status: "approved", action: "publish", actor: "editor", now: EMBARGO, want: "ok" },
  { status: "approved", action: "publish", actor: "editor", now: AFTER, want: "ok" },
  { status: "in_review", action: "publish", actor: "editor", now: NOW, want: "embargoed" },
  { status: "unpublished", action: "publish", actor: "editor", now: NOW, want: "embargoed" },
  { status: "unpublished", action: "publish", actor: "editor", now: AFTER, want: "ok" },
  { status: "scheduled", action: "publish_scheduled", actor: "system", now: NOW, want: "embargoed" },
  { status: "scheduled", action: "publish_scheduled", actor: "system", now: BEFORE, want: "embargoed" },
  { status: "scheduled", action: "publish_scheduled", actor: "system", now: EMBARGO, want: "ok" },
  { status: "approved", action: "schedule", actor: "editor", now: NOW, scheduledAt: new Date(EMBARGO.getTime() - 60_000), want: "embargoed" },
  { status: "approved", action: "schedule", actor: "editor", now: NOW, scheduledAt: EMBARGO, want: "ok" },
  { status: "approved", action: "schedule", actor: "editor", now: NOW, scheduledAt: AFTER, want: "ok" },
  // Nothing else is held back: review, approval, withdrawal and unpublishing go on as before.
  { status: "in_review", action: "approve", actor: "editor", now: NOW, want: "ok" },
  { status: "in_review", action: "request_changes", actor: "editor", now: NOW, want: "ok" },
  { status: "scheduled", action: "unschedule", actor: "editor", now: NOW, want: "ok" },
  { status: "published", action: "unpublish", actor: "editor", now: NOW, want: "ok" },
  { status: "draft", action: "submit", actor: "editor", now: NOW, want: "ok" },
];

const EDITOR: PolicyUser = { id: "u-editor", role: "editor", active: true };
const article = (status: ArticleStatus, embargoUntil: Date | null) => ({ status, authorIds: ["u-author"], hasContent: true, embargoUntil });

describe("the embargo in the state machine", () => {
  for (const row of TABLE) {
    it(`${row.status} —${row.action}→ by ${row.actor} at ${row.now.toISOString()}${row.scheduledAt ? ` for ${row.scheduledAt.toISOString()}` : ""}: ${row.want}`, () => {
      const actor: Actor = row.actor === "system" ? "system" : { id: EDITOR.id, role: EDITOR.role };
      const input = { now: row.now, scheduledAt: row.scheduledAt ?? AFTER, comment: "A reason.", timeZone: "Europe/Paris" };
      const r = transition(article(row.status, EMBARGO), row.action, actor, input);
      if (row.want === "ok") expect(r.ok).toBe(true);
      else {
        expect(r).toMatchObject({ ok: false, code: "embargoed" });
        // The refusal names the embargo's end in the newsroom's time zone.
        expect(!r.ok && r.reason).toContain("Embargoed until 1 Dec 2026, 10:00 (Europe/Paris)");
      }
      // Without an embargo the same move is allowed: the refusal is the embargo's alone.
      expect(transition(article(row.status, null), row.action, actor, input).ok).toBe(true);
      if (actor !== "system") expect(canTransition(EDITOR, row.action, article(row.status, EMBARGO), input).ok).toBe(row.want === "ok");
    });
  }

  it("refuses every publishing action of every role before the embargo", () => {
    for (const role of ["journalist", "editor", "admin"] as Role[]) {
      for (const status of ["approved", "in_review", "unpublished", "scheduled"] as ArticleStatus[]) {
        const user: PolicyUser = { id: `u-${role}`, role, active: true };
        for (const action of WORKFLOW_ACTIONS.filter((a) => a === "publish" || a === "publish_scheduled")) {
          expect(canTransition(user, action, { ...article(status, EMBARGO), authorIds: [user.id, "x"] }, { now: NOW, twoPersonRule: false }).ok).toBe(false);
        }
      }
    }
  });

  it("takes Publish off the buttons and shows it held back with the reason, keeping Schedule", () => {
    const held = article("approved", EMBARGO);
    expect(availableTransitions(EDITOR, held, { now: NOW })).toEqual(["schedule"]);
    expect(availableTransitions(EDITOR, article("approved", null), { now: NOW })).toEqual(["publish", "schedule"]);
    expect(availableTransitions(EDITOR, held, { now: AFTER })).toEqual(["publish", "schedule"]);
    const shown = embargoedTransitions(EDITOR, held, { now: NOW, timeZone: "Europe/Paris" });
    expect(shown.actions).toEqual(["publish"]);
    expect(shown.reason).toMatch(/^Embargoed until 1 Dec 2026, 10:00 \(Europe\/Paris\)/);
    expect(embargoedTransitions(EDITOR, held, { now: AFTER })).toEqual({ actions: [], reason: null });
    // A journalist had no Publish to hold back.
    expect(embargoedTransitions({ id: "u-author", role: "journalist", active: true }, held, { now: NOW }).actions).toEqual([]);
  });

  it("lets only active editors and admins set an embargo", () => {
    expect(canEmbargo(null).ok).toBe(false);
    expect(canEmbargo({ id: "j", role: "journalist", active: true }).ok).toBe(false);
    expect(canEmbargo({ id: "e", role: "editor", active: false }).ok).toBe(false);
    expect(canEmbargo({ id: "e", role: "editor", active: true }).ok).toBe(true);
    expect(canEmbargo({ id: "a", role: "admin", active: true }).ok).toBe(true);
  });
});
