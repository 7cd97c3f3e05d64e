/**
 * The policy matrix of roles and the workflow: every role × every action × own/other's article ×
 * every state, allowed and refused. The expectations below are written from the product rules,
 * not from the implementation, so a change in either that breaks the rules fails here.
 */
import { describe, expect, it } from "vitest";

import type { Role } from "@/lib/roles";
import { ARTICLE_STATUSES, type ArticleStatus, type WorkflowAction } from "@/lib/workflow/article-workflow";

import {
  availableTransitions,
  canArticle,
  canChangeByline,
  canChangeUser,
  canEditProfile,
  canGlobal,
  canRunFirstSetup,
  canTransition,
  newsroomScope,
  twoPersonBar,
  type ArticleAction,
  type GlobalAction,
} from "./permissions";

type Who = Role | "deactivated" | "signed_out";
const WHO: Who[] = ["journalist", "editor", "admin", "deactivated", "signed_out"];
const OWNERSHIP = ["own", "other"] as const;
type Ownership = (typeof OWNERSHIP)[number];

const ME = "11111111-1111-4111-8111-111111111111";
const OTHER = "22222222-2222-4222-8222-222222222222";

function userFor(who: Who) {
  if (who === "signed_out") return null;
  if (who === "deactivated") return { id: ME, role: "editor" as const, active: false };
  return { id: ME, role: who, active: true };
}
const editorial = (who: Who) => who === "editor" || who === "admin";
const activeUser = (who: Who) => who === "journalist" || editorial(who);

// ---- global powers ----
const GLOBAL: Record<GlobalAction, (who: Who) => boolean> = {
  "newsroom:enter": activeUser,
  "article:create": activeUser,
  "articles:view_all": editorial, // journalists "see only articles they author"
  "articles:review": editorial, // what changed since the last submission is the reviewer's view
  "tags:manage": editorial,
  "sections:manage": editorial,
  "front:manage": editorial, // editors choose the lead story and the order of the section blocks
  "users:manage": (w) => w === "admin",
  "settings:manage": (w) => w === "admin",
  "api_keys:manage": (w) => w === "admin",
  "webhooks:manage": (w) => w === "admin",
  "events:view_all": (w) => w === "admin", // "admins see the global log"
};

// ---- article powers ----
const AUTHOR_EDITABLE: ArticleStatus[] = ["draft", "changes_requested"];
function expectArticle(who: Who, action: ArticleAction, own: Ownership, status: ArticleStatus): boolean {
  if (!activeUser(who)) return false;
  if (editorial(who)) return true; // "edit any article at any stage"
  if (own === "other") return false; // journalists see only articles they author
  switch (action) {
    case "view":
    case "comment":
      return true;
    case "edit":
    case "save_version":
    case "restore_revision":
    case "manage_authors":
      return AUTHOR_EDITABLE.includes(status); // not while in review, nor once approved/published
  }
}

// ---- the workflow table ----
const TABLE: Record<
  Exclude<WorkflowAction, "publish_scheduled">,
  { from: ArticleStatus[]; by: "author_or_editor" | "author" | "editor"; twoPerson?: boolean }
> = {
  submit: { from: ["draft", "changes_requested"], by: "author_or_editor" },
  withdraw: { from: ["in_review"], by: "author" },
  request_changes: { from: ["in_review"], by: "editor" },
  approve: { from: ["in_review"], by: "editor", twoPerson: true },
  publish: { from: ["approved", "in_review", "unpublished"], by: "editor", twoPerson: true },
  schedule: { from: ["approved"], by: "editor", twoPerson: true },
  unschedule: { from: ["scheduled"], by: "editor" },
  unpublish: { from: ["published"], by: "editor" },
};
function expectTransition(who: Who, action: WorkflowAction, own: Ownership, status: ArticleStatus, twoPersonRule: boolean, updates = false) {
  if (action === "publish_scheduled" || !activeUser(who)) return false; // only the scheduler
  const row = TABLE[action];
  const fromOk = row.from.includes(status) || (action === "publish" && status === "published" && updates);
  if (!fromOk) return false;
  const isAuthor = own === "own";
  const byOk = row.by === "author" ? isAuthor : row.by === "editor" ? editorial(who) : isAuthor || editorial(who);
  if (!byOk) return false;
  if (row.twoPerson && twoPersonRule && isAuthor) return false;
  return true;
}

const ARTICLE_ACTIONS: ArticleAction[] = ["view", "edit", "comment", "manage_authors", "save_version", "restore_revision"];
const WORKFLOW: WorkflowAction[] = ["submit", "withdraw", "request_changes", "approve", "publish", "schedule", "unschedule", "unpublish", "publish_scheduled"];
const article = (own: Ownership, status: ArticleStatus, hasUnpublishedChanges = false) => ({
  status,
  authorIds: own === "own" ? [ME, OTHER] : [OTHER],
  hasUnpublishedChanges,
});
const input = { comment: "Please check the figures.", scheduledAt: new Date(Date.now() + 3_600_000), twoPersonRule: true };

describe("global powers", () => {
  for (const who of WHO)
    for (const action of Object.keys(GLOBAL) as GlobalAction[]) {
      const allowed = GLOBAL[action](who);
      it(`${who} ${allowed ? "may" : "may not"} ${action}`, () => {
        expect(canGlobal(userFor(who), action).ok).toBe(allowed);
      });
    }
});

describe("article powers: role × action × own/other × state", () => {
  for (const who of WHO)
    for (const action of ARTICLE_ACTIONS)
      for (const own of OWNERSHIP)
        for (const status of ARTICLE_STATUSES) {
          const allowed = expectArticle(who, action, own, status);
          it(`${who} ${allowed ? "may" : "may not"} ${action} ${own} ${status}`, () => {
            expect(canArticle(userFor(who), action, article(own, status)).ok).toBe(allowed);
          });
        }
});

describe("workflow powers: role × action × own/other × state (two-person rule on and off)", () => {
  for (const twoPersonRule of [true, false])
    for (const who of WHO)
      for (const action of WORKFLOW)
        for (const own of OWNERSHIP)
          for (const status of ARTICLE_STATUSES) {
            const allowed = expectTransition(who, action, own, status, twoPersonRule);
            it(`[two-person ${twoPersonRule ? "on" : "off"}] ${who} ${allowed ? "may" : "may not"} ${action} ${own} ${status}`, () => {
              const r = canTransition(userFor(who), action, { ...article(own, status), hasContent: true }, { ...input, twoPersonRule });
              expect(r.ok).toBe(allowed);
            });
          }

  for (const who of WHO)
    for (const own of OWNERSHIP) {
      const allowed = expectTransition(who, "publish", own, "published", true, true);
      it(`${who} ${allowed ? "may" : "may not"} publish the update of a ${own} published article`, () => {
        expect(canTransition(userFor(who), "publish", { ...article(own, "published", true), hasContent: true }, input).ok).toBe(allowed);
      });
    }

  it("refuses with the reason the spec gives", () => {
    const editor = userFor("editor");
    expect(canTransition(editor, "approve", { ...article("own", "in_review"), hasContent: true }, input)).toMatchObject({ ok: false, code: "two_person_rule" });
    expect(canTransition(editor, "submit", { ...article("other", "draft"), hasContent: false }, input)).toMatchObject({ ok: false, code: "needs_content" });
    expect(canTransition(editor, "request_changes", article("other", "in_review"), { comment: " " })).toMatchObject({ ok: false, code: "needs_comment" });
    expect(canTransition(editor, "unpublish", article("other", "published"), {})).toMatchObject({ ok: false, code: "needs_reason" });
    expect(canTransition(editor, "schedule", article("other", "approved"), { scheduledAt: new Date(Date.now() - 1000) })).toMatchObject({
      ok: false,
      code: "needs_future_time",
    });
    expect(canTransition(userFor("journalist"), "submit", { ...article("other", "draft"), hasContent: true })).toMatchObject({ ok: false, code: "forbidden" });
    expect(canArticle(userFor("journalist"), "edit", article("own", "in_review"))).toMatchObject({ ok: false, code: "locked" });
  });
});

describe("the workflow buttons: role × state × own/other (two-person rule on and off)", () => {
  // Exactly the transitions the server would accept, given a comment, a future time and content.
  for (const twoPersonRule of [true, false])
    for (const who of WHO)
      for (const own of OWNERSHIP)
        for (const status of ARTICLE_STATUSES)
          for (const updates of status === "published" ? [false, true] : [false]) {
            const want = WORKFLOW.filter((action) => expectTransition(who, action, own, status, twoPersonRule, updates));
            const what = `${own} ${status}${updates ? " with unpublished changes" : ""}`;
            it(`[two-person ${twoPersonRule ? "on" : "off"}] ${who} on ${what}: ${want.join(", ") || "none"}`, () => {
              expect(availableTransitions(userFor(who), article(own, status, updates), { twoPersonRule })).toEqual(want);
            });
          }

  it("an editor who edited the version under review gets no approve or publish while the rule is on", () => {
    const editor = userFor("editor");
    const facts = { status: "in_review" as const, authorIds: [OTHER], contributorIds: [OTHER, ME] };
    expect(availableTransitions(editor, facts)).toEqual(["request_changes"]);
    expect(availableTransitions(editor, facts, { twoPersonRule: false })).toEqual(["request_changes", "approve", "publish"]);
  });
});

describe("who sees which articles in the newsroom", () => {
  for (const role of ["journalist", "editor", "admin"] as const) {
    const want = editorial(role) ? "all" : "own";
    it(`${role}: ${want}`, () => {
      expect(newsroomScope({ role })).toBe(want);
    });
  }
});

describe("why the two-person rule stops an editor", () => {
  const facts = { status: "in_review" as const, authorIds: [OTHER], contributorIds: [OTHER] };
  for (const who of WHO) {
    it(`${who}: only editors and admins are ever stopped, and only while the rule is on`, () => {
      const author = editorial(who) ? "author" : null;
      const contributor = editorial(who) ? "contributor" : null;
      expect(twoPersonBar(userFor(who), { ...facts, authorIds: [OTHER, ME] }, true)).toBe(author);
      expect(twoPersonBar(userFor(who), { ...facts, contributorIds: [OTHER, ME] }, true)).toBe(contributor);
      expect(twoPersonBar(userFor(who), facts, true)).toBe(null);
      expect(twoPersonBar(userFor(who), { ...facts, authorIds: [OTHER, ME] }, false)).toBe(null);
    });
  }
});

describe("two-person rule counts everyone who wrote, edited or was on the byline of the version", () => {
  const editor = userFor("editor");
  for (const action of ["approve", "publish"] as const) {
    it(`an editor off the byline but among the contributors may not ${action}`, () => {
      const facts = { status: "in_review" as const, authorIds: [OTHER], contributorIds: [OTHER, ME], hasContent: true };
      expect(canTransition(editor, action, facts, input)).toMatchObject({ ok: false, code: "two_person_rule" });
      expect(canTransition(editor, action, facts, { ...input, twoPersonRule: false }).ok).toBe(true);
      expect(canTransition(editor, action, { ...facts, contributorIds: [OTHER] }, input).ok).toBe(true);
    });
  }
  it("other transitions ignore contributors", () => {
    const facts = { status: "in_review" as const, authorIds: [OTHER], contributorIds: [ME], hasContent: true };
    expect(canTransition(editor, "request_changes", facts, input).ok).toBe(true);
  });
});

describe("byline changes: co-authors add; only the creator or an editor removes or reorders", () => {
  const CO = "33333333-3333-4333-8333-333333333333";
  const NEW = "44444444-4444-4444-8444-444444444444";
  // The article was created by OTHER (first on the byline); ME is the actor in each role.
  type Case = { name: string; before: string[]; after: string[]; creator: string; expect: Partial<Record<Who, boolean>> };
  const J = { journalist: true } as const;
  const cases: Case[] = [
    { name: "co-author adds a co-author", before: [OTHER, ME], after: [OTHER, ME, NEW], creator: OTHER, expect: J },
    { name: "co-author removes the creator", before: [OTHER, ME], after: [ME], creator: OTHER, expect: {} },
    { name: "co-author moves ahead of the creator", before: [OTHER, ME], after: [ME, OTHER], creator: OTHER, expect: {} },
    { name: "co-author removes another co-author", before: [OTHER, ME, CO], after: [OTHER, ME], creator: OTHER, expect: {} },
    { name: "co-author removes themselves", before: [OTHER, ME], after: [OTHER], creator: OTHER, expect: {} },
    { name: "creator removes a co-author", before: [ME, OTHER], after: [ME], creator: ME, expect: J },
    { name: "creator reorders", before: [ME, OTHER], after: [OTHER, ME], creator: ME, expect: J },
    { name: "creator removes themselves", before: [ME, OTHER], after: [OTHER], creator: ME, expect: {} },
    { name: "creator hands the byline to someone else entirely", before: [ME], after: [NEW], creator: ME, expect: {} },
    { name: "an empty byline", before: [ME, OTHER], after: [], creator: ME, expect: { journalist: false, editor: false, admin: false } },
  ];
  for (const c of cases)
    for (const who of WHO) {
      // Editors and admins change any byline (except an empty one); the deactivated and signed out nothing.
      const allowed = c.expect[who] ?? (editorial(who) && c.after.length > 0);
      it(`${who} ${allowed ? "may" : "may not"}: ${c.name}`, () => {
        const art = { status: "draft" as const, authorIds: c.before, createdById: c.creator };
        expect(canChangeByline(userFor(who), art, c.before, c.after).ok).toBe(allowed);
      });
    }
  it("an outsider journalist changes nothing; an author in review changes nothing", () => {
    const j = userFor("journalist");
    expect(canChangeByline(j, { status: "draft", authorIds: [OTHER], createdById: OTHER }, [OTHER], [OTHER, ME]).ok).toBe(false);
    expect(canChangeByline(j, { status: "in_review", authorIds: [ME], createdById: ME }, [ME], [ME, OTHER]).ok).toBe(false);
    expect(canChangeByline(userFor("editor"), { status: "published", authorIds: [OTHER], createdById: OTHER }, [OTHER], [NEW]).ok).toBe(true);
  });
});

describe("profiles: own for everyone, anyone's for admins", () => {
  for (const who of WHO)
    for (const own of OWNERSHIP) {
      const allowed = activeUser(who) && (own === "own" || who === "admin");
      it(`${who} ${allowed ? "may" : "may not"} edit ${own} profile`, () => {
        const profileUserId = own === "own" ? ME : OTHER;
        expect(canEditProfile(userFor(who), profileUserId).ok).toBe(allowed);
      });
    }
});

describe("user management: admins only, and never the last active admin away", () => {
  const admin = { id: ME, role: "admin" as const, active: true };
  const otherAdmin = { id: OTHER, role: "admin" as const, active: true };
  const journalist = { id: OTHER, role: "journalist" as const, active: true };
  for (const who of WHO) {
    const allowed = who === "admin";
    it(`${who} ${allowed ? "may" : "may not"} change a journalist's role or status`, () => {
      expect(canChangeUser(userFor(who), journalist, { role: "editor" }, 1).ok).toBe(allowed);
      expect(canChangeUser(userFor(who), journalist, { active: false }, 1).ok).toBe(allowed);
    });
  }
  it("refuses to demote or deactivate the last active admin, even oneself", () => {
    expect(canChangeUser(admin, admin, { role: "editor" }, 1)).toMatchObject({ ok: false, code: "last_admin" });
    expect(canChangeUser(admin, admin, { active: false }, 1)).toMatchObject({ ok: false, code: "last_admin" });
    expect(canChangeUser(admin, otherAdmin, { role: "journalist" }, 1)).toMatchObject({ ok: false, code: "last_admin" });
  });
  it("allows it when another active admin remains, and allows keeping the role", () => {
    expect(canChangeUser(admin, otherAdmin, { role: "editor" }, 2).ok).toBe(true);
    expect(canChangeUser(admin, otherAdmin, { active: false }, 2).ok).toBe(true);
    expect(canChangeUser(admin, admin, { role: "admin" }, 1).ok).toBe(true);
    expect(canChangeUser(admin, { ...otherAdmin, active: false }, { active: true }, 1).ok).toBe(true);
  });
});

describe("first-run setup: only on a newsroom without any account", () => {
  it("is allowed with no account and refused as not found once there is one", () => {
    expect(canRunFirstSetup(0).ok).toBe(true);
    expect(canRunFirstSetup(1)).toMatchObject({ ok: false, code: "not_found" });
    expect(canRunFirstSetup(40)).toMatchObject({ ok: false, code: "not_found" });
  });
});
