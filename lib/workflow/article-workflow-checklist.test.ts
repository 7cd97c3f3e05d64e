import { describe, expect, it } from "vitest";

import { availableTransitions, canTickChecklist, canTransition, type PolicyUser } from "@/lib/permissions";

import { ARTICLE_STATUSES, checklistGap, transition, WORKFLOW_ACTIONS, type ArticleStatus, type ChecklistFacts, type WorkflowAction } from "./article-workflow";

/**
 * The sign-off checklist gate, as a table: which actions wait for the required items, and what
 * each checklist state means. Written independently of CHECKLIST_GATED.
 */
const GATED: readonly WorkflowAction[] = ["approve", "publish", "schedule"];

const CHECKLISTS: { name: string; facts: ChecklistFacts | undefined; open: boolean }[] = [
  { name: "no checklist facts", facts: undefined, open: true },
  { name: "no items defined", facts: { requiredItemIds: [], tickedItemIds: [] }, open: true },
  { name: "only optional items, none ticked", facts: { requiredItemIds: [], tickedItemIds: [] }, open: true },
  { name: "one required item, not ticked", facts: { requiredItemIds: [1], tickedItemIds: [] }, open: false },
  { name: "two required items, one ticked", facts: { requiredItemIds: [1, 2], tickedItemIds: [2] }, open: false },
  { name: "required items ticked, an optional one not", facts: { requiredItemIds: [1, 2], tickedItemIds: [1, 2] }, open: true },
  { name: "a stale tick of a deleted item does not count", facts: { requiredItemIds: [1], tickedItemIds: [9] }, open: false },
];

const EDITOR = { id: "u-editor", role: "editor" as const };
const AUTHOR = "u-author";
const NEEDS_OK = { comment: "Because.", scheduledAt: new Date(Date.now() + 3_600_000) };

describe("the checklist gate, for every state × action × checklist", () => {
  for (const status of ARTICLE_STATUSES) {
    for (const action of WORKFLOW_ACTIONS) {
      for (const c of CHECKLISTS) {
        const actor = action === "publish_scheduled" ? ("system" as const) : EDITOR;
        const base = { status, authorIds: [AUTHOR], hasContent: true, hasUnpublishedChanges: status === "published" };
        const without = transition(base, action, actor, NEEDS_OK);
        const gated = GATED.includes(action) && !c.open;
        it(`${status} —${action}→ with ${c.name}: ${without.ok ? (gated ? "refused by the checklist" : "as without a checklist") : "refused anyway"}`, () => {
          const got = transition({ ...base, checklist: c.facts }, action, actor, NEEDS_OK);
          if (!without.ok) return expect(got.ok).toBe(false);
          if (gated) return expect(got).toMatchObject({ ok: false, code: "checklist_incomplete" });
          expect(got).toEqual(without);
        });
      }
    }
  }

  it("says how many required items are left", () => {
    const got = transition({ status: "in_review", authorIds: [AUTHOR], checklist: { requiredItemIds: [1, 2, 3], tickedItemIds: [3] } }, "approve", EDITOR);
    expect(got).toEqual({ ok: false, code: "checklist_incomplete", reason: "Checklist: 2 required items are not ticked yet." });
    expect(checklistGap({ requiredItemIds: [1, 2, 3], tickedItemIds: [3] })).toEqual([1, 2]);
  });

  it("the scheduler publishes what was scheduled even if the checklist changed since", () => {
    const got = transition({ status: "scheduled", authorIds: [AUTHOR], checklist: { requiredItemIds: [1], tickedItemIds: [] } }, "publish_scheduled", "system");
    expect(got.ok).toBe(true);
  });

  it("the policy asks the same gate, so a direct request is refused, and the buttons hide what it refuses", () => {
    const editor: PolicyUser = { ...EDITOR, active: true };
    const blocked = { status: "approved" as ArticleStatus, authorIds: [AUTHOR], checklist: { requiredItemIds: [1], tickedItemIds: [] } };
    expect(canTransition(editor, "publish", { ...blocked, hasContent: true }, NEEDS_OK)).toMatchObject({ ok: false, code: "checklist_incomplete" });
    expect(availableTransitions(editor, blocked)).toEqual([]);
    expect(availableTransitions(editor, { ...blocked, checklist: { requiredItemIds: [1], tickedItemIds: [1] } })).toEqual(["publish", "schedule"]);
    expect(availableTransitions(editor, { ...blocked, status: "in_review" })).toEqual(["request_changes"]);
  });
});

describe("who may tick the checklist: role × own/other × contributor (two-person rule on and off)", () => {
  const ROLES = ["journalist", "editor", "admin"] as const;
  for (const twoPersonRule of [true, false]) {
    for (const role of ROLES) {
      for (const relation of ["author", "contributor", "other"] as const) {
        const editorial = role !== "journalist";
        const allowed = editorial && (!twoPersonRule || relation === "other");
        it(`[two-person ${twoPersonRule ? "on" : "off"}] ${role}, ${relation} of the article: ${allowed ? "may" : "may not"} tick`, () => {
          const user: PolicyUser = { id: "me", role, active: true };
          const article = {
            status: "in_review" as ArticleStatus,
            authorIds: relation === "author" ? ["me"] : ["someone"],
            contributorIds: relation === "contributor" ? ["me"] : [],
          };
          expect(canTickChecklist(user, article, twoPersonRule).ok).toBe(allowed);
        });
      }
    }
  }

  it("signed out, or deactivated: never", () => {
    const article = { status: "in_review" as ArticleStatus, authorIds: ["someone"] };
    expect(canTickChecklist(null, article, true)).toMatchObject({ ok: false, code: "unauthenticated" });
    expect(canTickChecklist({ id: "me", role: "admin", active: false }, article, true)).toMatchObject({ ok: false, code: "unauthenticated" });
  });

  it("an author is told why", () => {
    expect(canTickChecklist({ id: "me", role: "editor", active: true }, { status: "in_review", authorIds: ["me"] }, true)).toMatchObject({
      ok: false,
      code: "two_person_rule",
      reason: "Two-person rule: an author of this article cannot tick its checklist.",
    });
  });
});
