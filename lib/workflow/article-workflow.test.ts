import { describe, expect, it } from "vitest";

import { availableTransitions, canTransition, type PolicyUser } from "@/lib/permissions";

import { ARTICLE_STATUSES, transition, WORKFLOW_ACTIONS, type Actor, type ArticleStatus, type WorkflowAction } from "./article-workflow";

/**
 * The workflow table of the product rules, copied as literally as possible and independently of
 * TRANSITIONS: the module under test must agree with this table for every state, action and kind of
 * actor.
 */
type Who = "author" | "editor" | "system";
const SPEC: { from: ArticleStatus[]; action: WorkflowAction; to: ArticleStatus; by: Who[]; twoPerson?: boolean }[] = [
  { from: ["draft", "changes_requested"], action: "submit", to: "in_review", by: ["author", "editor"] },
  { from: ["in_review"], action: "withdraw", to: "draft", by: ["author"] },
  { from: ["in_review"], action: "request_changes", to: "changes_requested", by: ["editor"] },
  { from: ["in_review"], action: "approve", to: "approved", by: ["editor"], twoPerson: true },
  { from: ["approved", "in_review"], action: "publish", to: "published", by: ["editor"], twoPerson: true },
  { from: ["approved"], action: "schedule", to: "scheduled", by: ["editor"], twoPerson: true },
  { from: ["scheduled"], action: "publish_scheduled", to: "published", by: ["system"] },
  { from: ["scheduled"], action: "unschedule", to: "approved", by: ["editor"] },
  { from: ["published"], action: "unpublish", to: "unpublished", by: ["editor"] },
  { from: ["unpublished"], action: "publish", to: "published", by: ["editor"], twoPerson: true },
];

const ME = "u-me";
const OTHER = "u-other";
type Case = { name: string; actor: Actor; isAuthor: boolean; editorial: boolean };
const ACTORS: Case[] = [
  { name: "journalist author", actor: { id: ME, role: "journalist" }, isAuthor: true, editorial: false },
  { name: "journalist non-author", actor: { id: ME, role: "journalist" }, isAuthor: false, editorial: false },
  { name: "editor non-author", actor: { id: ME, role: "editor" }, isAuthor: false, editorial: true },
  { name: "editor author", actor: { id: ME, role: "editor" }, isAuthor: true, editorial: true },
  { name: "admin non-author", actor: { id: ME, role: "admin" }, isAuthor: false, editorial: true },
  { name: "admin author", actor: { id: ME, role: "admin" }, isAuthor: true, editorial: true },
  { name: "system", actor: "system", isAuthor: false, editorial: false },
];

const NEEDS_OK = { comment: "Please source the figures.", scheduledAt: new Date(Date.now() + 3_600_000) };

function expected(status: ArticleStatus, action: WorkflowAction, c: Case, twoPersonRule: boolean): ArticleStatus | null {
  const row = SPEC.find((r) => r.action === action && r.from.includes(status));
  if (!row) return null;
  const performer =
    (row.by.includes("system") && c.actor === "system") ||
    (row.by.includes("author") && c.isAuthor && c.actor !== "system") ||
    (row.by.includes("editor") && c.editorial);
  if (!performer) return null;
  if (row.twoPerson && twoPersonRule && c.isAuthor) return null;
  return row.to;
}

describe("the workflow table, for every state × action × actor", () => {
  for (const twoPersonRule of [true, false]) {
    for (const status of ARTICLE_STATUSES) {
      for (const action of WORKFLOW_ACTIONS) {
        for (const c of ACTORS) {
          const want = expected(status, action, c, twoPersonRule);
          it(`${status} —${action}→ by ${c.name} (two-person rule ${twoPersonRule ? "on" : "off"}): ${want ?? "refused"}`, () => {
            const article = { status, authorIds: c.isAuthor ? [ME, OTHER] : [OTHER], hasContent: true };
            const r = transition(article, action, c.actor, { ...NEEDS_OK, twoPersonRule });
            if (want) {
              expect(r).toMatchObject({ ok: true, next: want });
            } else {
              expect(r.ok).toBe(false);
            }
            if (c.actor !== "system") {
              // The policy module agrees, and journalists never act on articles that are not theirs.
              const user: PolicyUser = { ...c.actor, active: true };
              const p = canTransition(user, action, article, { ...NEEDS_OK, twoPersonRule });
              expect(p.ok).toBe(Boolean(want));
              const buttons = availableTransitions(user, article, { twoPersonRule });
              expect(buttons.includes(action)).toBe(Boolean(want) && action !== "publish_scheduled");
            }
          });
        }
      }
    }
  }
});

describe("what each transition needs", () => {
  const editor: Actor = { id: ME, role: "editor" };
  const author: Actor = { id: ME, role: "journalist" };
  const mine = { authorIds: [ME], hasContent: true };
  const theirs = { authorIds: [OTHER], hasContent: true };

  it("submit needs a headline and a non-empty body", () => {
    expect(transition({ ...mine, status: "draft", hasContent: false }, "submit", author)).toMatchObject({ ok: false, code: "needs_content" });
    expect(transition({ ...mine, status: "draft" }, "submit", author)).toMatchObject({ ok: true, next: "in_review" });
  });

  it("request changes needs a comment (blank is not a comment)", () => {
    expect(transition({ ...theirs, status: "in_review" }, "request_changes", editor)).toMatchObject({ code: "needs_comment" });
    expect(transition({ ...theirs, status: "in_review" }, "request_changes", editor, { comment: "   " })).toMatchObject({ code: "needs_comment" });
  });

  it("unpublish needs a reason", () => {
    expect(transition({ ...theirs, status: "published" }, "unpublish", editor)).toMatchObject({ code: "needs_reason" });
    expect(transition({ ...theirs, status: "published" }, "unpublish", editor, { comment: "Legal" })).toMatchObject({ ok: true, next: "unpublished" });
  });

  it("schedule needs a time in the future", () => {
    const now = new Date("2026-01-01T10:00:00Z");
    const at = (iso: string) => transition({ ...theirs, status: "approved" }, "schedule", editor, { now, scheduledAt: new Date(iso) });
    expect(at("2026-01-01T09:59:00Z")).toMatchObject({ code: "needs_future_time" });
    expect(at("2026-01-01T10:00:00Z")).toMatchObject({ code: "needs_future_time" });
    expect(transition({ ...theirs, status: "approved" }, "schedule", editor, { now })).toMatchObject({ code: "needs_future_time" });
    expect(transition({ ...theirs, status: "approved" }, "schedule", editor, { now, scheduledAt: new Date("nope") })).toMatchObject({
      code: "needs_future_time",
    });
    expect(at("2026-01-01T10:01:00Z")).toMatchObject({ ok: true, next: "scheduled" });
  });

  it("two-person rule: an author-editor can neither approve nor publish, whatever else holds", () => {
    for (const action of ["approve", "publish"] as const) {
      const r = transition({ ...mine, status: "in_review" }, action, editor, { twoPersonRule: true });
      expect(r).toMatchObject({ ok: false, code: "two_person_rule" });
      expect(transition({ ...mine, status: "in_review" }, action, editor, { twoPersonRule: false }).ok).toBe(true);
    }
    // The rule defaults to on when the caller does not say.
    expect(transition({ ...mine, status: "approved" }, "publish", editor)).toMatchObject({ code: "two_person_rule" });
    // A co-authored update cannot be published by one of its authors either.
    expect(transition({ ...mine, status: "published", hasUnpublishedChanges: true }, "publish", editor)).toMatchObject({ code: "two_person_rule" });
    // Nor scheduled, which publishes later without another check: not by an author, nor by an
    // editor who edited the approved version.
    const later = { ...NEEDS_OK, twoPersonRule: true };
    expect(transition({ ...mine, status: "approved" }, "schedule", editor, later)).toMatchObject({ code: "two_person_rule" });
    expect(transition({ ...theirs, status: "approved", contributorIds: [editor.id] }, "schedule", editor, later)).toMatchObject({ code: "two_person_rule" });
    expect(transition({ ...theirs, status: "approved" }, "schedule", editor, later)).toMatchObject({ ok: true, next: "scheduled" });
  });

  it("updates after publication: publish from published only with unpublished changes", () => {
    expect(transition({ ...theirs, status: "published" }, "publish", editor)).toMatchObject({ ok: false, reason: "This article is already published." });
    expect(transition({ ...theirs, status: "published", hasUnpublishedChanges: true }, "publish", editor)).toMatchObject({ ok: true, next: "published" });
    expect(transition({ ...mine, status: "published", hasUnpublishedChanges: true }, "publish", author).ok).toBe(false);
    expect(availableTransitions({ id: ME, role: "editor", active: true }, { ...theirs, status: "published", hasUnpublishedChanges: true })).toEqual([
      "publish",
      "unpublish",
    ]);
    expect(availableTransitions({ id: ME, role: "editor", active: true }, { ...theirs, status: "published" })).toEqual(["unpublish"]);
  });

  it("refusals say why in words a person understands", () => {
    expect(transition({ ...theirs, status: "draft" }, "approve", editor)).toMatchObject({ reason: "Cannot approve: the article is a draft." });
    expect(transition({ ...mine, status: "in_review" }, "publish", author)).toMatchObject({ code: "forbidden" });
    expect(canTransition({ id: ME, role: "editor", active: false }, "publish", { ...theirs, status: "approved" }).ok).toBe(false);
    expect(canTransition({ id: ME, role: "admin", active: true }, "publish_scheduled", { ...theirs, status: "scheduled" }).ok).toBe(false);
  });
});
