/**
 * The one authority for permissions. Pages ask it to hide buttons, server
 * actions and route handlers ask it before any change, tests check it against the matrix.
 * Workflow transitions are delegated to the state machine so the two never disagree.
 */
import { isEditorial, type Role } from "@/lib/roles";
import {
  AUTHOR_EDITABLE,
  transition,
  WORKFLOW_ACTIONS,
  type ArticleStatus,
  type ChecklistFacts,
  type TransitionInput,
  type TransitionResult,
  type WorkflowAction,
} from "@/lib/workflow/article-workflow";

export type PolicyUser = { id: string; role: Role; active: boolean };
export type PolicyArticle = {
  status: ArticleStatus;
  authorIds: readonly string[];
  hasUnpublishedChanges?: boolean;
  /** See WorkflowArticle.contributorIds: the two-person rule counts them as authors. */
  contributorIds?: readonly string[];
  /** See WorkflowArticle.embargoUntil: nobody publishes before it. */
  embargoUntil?: Date | null;
  /** Required and ticked checklist items: approve, publish and schedule wait for the required ones. */
  checklist?: ChecklistFacts;
};

export type ArticleAction = "view" | "edit" | "comment" | "manage_authors" | "save_version" | "restore_revision";
export type GlobalAction =
  | "article:create"
  | "newsroom:enter"
  | "users:manage"
  | "settings:manage"
  | "api_keys:manage"
  | "webhooks:manage"
  | "tags:manage"
  | "sections:manage"
  | "front:manage"
  | "events:view_all"
  | "articles:view_all"
  | "articles:review";

export type PolicyResult = { ok: true } | { ok: false; code: string; reason: string };

const ALLOW: PolicyResult = { ok: true };
const deny = (reason = "You are not allowed to do this.", code = "forbidden"): PolicyResult => ({ ok: false, code, reason });

export function canGlobal(user: PolicyUser | null, action: GlobalAction): PolicyResult {
  if (!user || !user.active) return deny("Sign in to continue.", "unauthenticated");
  switch (action) {
    case "article:create":
    case "newsroom:enter":
      return ALLOW;
    case "users:manage":
    case "settings:manage":
    case "api_keys:manage":
    case "webhooks:manage":
    case "events:view_all":
      return user.role === "admin" ? ALLOW : deny();
    case "tags:manage":
    case "sections:manage":
    case "front:manage":
    case "articles:review":
      return isEditorial(user.role) ? ALLOW : deny();
    case "articles:view_all":
      return newsroomScope(user) === "all" ? ALLOW : deny();
  }
}

/** Which articles the newsroom lists show a user: the whole desk, or only what they author. */
export type NewsroomScope = "all" | "own";

export function newsroomScope(user: Pick<PolicyUser, "role">): NewsroomScope {
  return isEditorial(user.role) ? "all" : "own";
}

export function canArticle(user: PolicyUser | null, action: ArticleAction, article: PolicyArticle): PolicyResult {
  if (!user || !user.active) return deny("Sign in to continue.", "unauthenticated");
  const editorial = isEditorial(user.role);
  const isAuthor = article.authorIds.includes(user.id);
  if (!editorial && !isAuthor) return deny("This article is not yours.", "forbidden:article");
  switch (action) {
    case "view":
    case "comment":
      return ALLOW;
    case "edit":
    case "save_version":
    case "restore_revision":
    case "manage_authors":
      if (editorial) return ALLOW;
      return AUTHOR_EDITABLE.includes(article.status)
        ? ALLOW
        : deny(
            article.status === "in_review"
              ? "The article is in review: withdraw it to make changes."
              : "Authors can edit an article only while it is a draft or changes are requested.",
            "locked",
          );
  }
}

/**
 * Inline comments on the live body (lib/inline-comments/) are authorised like the article's
 * discussion: whoever may comment on the article may open a thread, reply, resolve and reopen;
 * whoever may view it may read the threads; nobody else learns they exist.
 */
export type InlineCommentAction = "read" | "write";
export function canInlineComment(user: PolicyUser | null, action: InlineCommentAction, article: PolicyArticle): PolicyResult {
  return canArticle(user, action === "read" ? "view" : "comment", article);
}

/**
 * What a live (co-editing) session of the article may do: write when the user may edit it, only
 * follow it when they may only view it (the server drops their writes), nothing otherwise.
 */
export type CollabAccess = "edit" | "view" | "none";
export function collabAccess(user: PolicyUser | null, article: PolicyArticle): CollabAccess {
  if (canArticle(user, "edit", article).ok) return "edit";
  return canArticle(user, "view", article).ok ? "view" : "none";
}

export function canTransition(
  user: PolicyUser | null,
  action: WorkflowAction,
  article: PolicyArticle & { hasContent?: boolean },
  input: TransitionInput = {},
): TransitionResult {
  if (!user || !user.active) return { ok: false, code: "forbidden", reason: "Sign in to continue." };
  if (action === "publish_scheduled") return { ok: false, code: "forbidden", reason: "Only the scheduler does this." };
  if (!isEditorial(user.role) && !article.authorIds.includes(user.id)) {
    return { ok: false, code: "forbidden", reason: "This article is not yours." };
  }
  return transition(article, action, { id: user.id, role: user.role }, input);
}

/**
 * The workflow actions this user may take on this article now, for showing buttons: each is asked
 * of canTransition as the server will ask it, with the needs a form supplies (content, a comment, a
 * future time) taken as met. The scheduler's own action is never one: canTransition refuses it to people.
 */
export function availableTransitions(
  user: PolicyUser | null,
  article: PolicyArticle,
  { twoPersonRule = true, now = new Date() }: { twoPersonRule?: boolean; now?: Date } = {},
): WorkflowAction[] {
  // The schedule form proposes a time at or after any embargo, so `Schedule` stays on offer.
  const scheduledAt = new Date(Math.max(now.getTime() + 3_600_000, article.embargoUntil?.getTime() ?? 0));
  const filled = { comment: "x", scheduledAt, now, twoPersonRule };
  return WORKFLOW_ACTIONS.filter((action) => canTransition(user, action, { ...article, hasContent: true }, filled).ok);
}

/**
 * The workflow actions this user could take now but for the embargo (in practice `Publish`), with
 * the refusal's words: the sidebar shows them disabled with that reason instead of hiding them.
 */
export function embargoedTransitions(
  user: PolicyUser | null,
  article: PolicyArticle,
  { twoPersonRule = true, now = new Date(), timeZone }: { twoPersonRule?: boolean; now?: Date; timeZone?: string } = {},
): { actions: WorkflowAction[]; reason: string | null } {
  if (!article.embargoUntil) return { actions: [], reason: null };
  const open = availableTransitions(user, { ...article, embargoUntil: null }, { twoPersonRule, now });
  const held = availableTransitions(user, article, { twoPersonRule, now });
  const actions = open.filter((a) => !held.includes(a));
  if (!actions.length) return { actions, reason: null };
  const check = canTransition(user, actions[0], { ...article, hasContent: true }, { now, twoPersonRule, timeZone });
  return { actions, reason: check.ok ? null : check.reason };
}

/**
 * Setting, changing or lifting an embargo: editors and admins only (an author's say over when
 * a story may run is the desk's call), whoever wrote the article and whatever its state: a
 * published article can carry one for its pending update.
 */
export function canEmbargo(user: PolicyUser | null): PolicyResult {
  if (!user || !user.active) return deny("Sign in to continue.", "unauthenticated");
  if (!isEditorial(user.role)) return deny("Only an editor can set or lift an embargo.");
  return ALLOW;
}

/**
 * Why the two-person rule stops this editor from approving, publishing or scheduling the article:
 * they are one of its authors, or they wrote, edited or were on the byline of this version. Null
 * when it does not (the rule is off, or the user is not an editor, to whom it never applies).
 */
export function twoPersonBar(user: PolicyUser | null, article: PolicyArticle, twoPersonRule: boolean): "author" | "contributor" | null {
  if (!twoPersonRule || !user?.active || !isEditorial(user.role)) return null;
  if (article.authorIds.includes(user.id)) return "author";
  return article.contributorIds?.includes(user.id) ? "contributor" : null;
}

/**
 * Ticking (or unticking) a sign-off checklist item: an editor's check on someone else's work, so
 * only editors, and never one the two-person rule bars from approving this version.
 */
export function canTickChecklist(user: PolicyUser | null, article: PolicyArticle, twoPersonRule: boolean): PolicyResult {
  if (!user || !user.active) return deny("Sign in to continue.", "unauthenticated");
  if (!isEditorial(user.role)) {
    return article.authorIds.includes(user.id) ? deny("Only an editor ticks the checklist.") : deny("This article is not yours.", "forbidden:article");
  }
  const bar = twoPersonBar(user, article, twoPersonRule);
  if (bar === "author") return deny("Two-person rule: an author of this article cannot tick its checklist.", "two_person_rule");
  if (bar === "contributor") return deny("Two-person rule: you wrote or edited this version, so another editor ticks its checklist.", "two_person_rule");
  return ALLOW;
}

/**
 * Byline changes, so that a co-author cannot take an article over. Editors change any byline. A
 * journalist who may manage the authors (canArticle "manage_authors") may add co-authors; only the
 * creator (the first original author, while still on the byline) may also remove or reorder the
 * others. Nobody but an editor removes the creator, and a journalist never removes themselves (they
 * would lose the article). `before` and `after` are ordered lists of user ids.
 */
export function canChangeByline(
  user: PolicyUser | null,
  article: PolicyArticle & { createdById: string | null },
  before: readonly string[],
  after: readonly string[],
): PolicyResult {
  const may = canArticle(user, "manage_authors", article);
  if (!may.ok || !user) return may;
  if (after.length === 0) return deny("An article needs at least one author.", "invalid");
  if (new Set(after).size !== after.length) return deny("An author is listed twice.", "invalid");
  if (isEditorial(user.role)) return ALLOW;
  const removed = before.filter((id) => !after.includes(id));
  if (removed.includes(user.id)) return deny("You cannot remove yourself from the byline.", "forbidden:byline");
  const isCreator = article.createdById !== null && user.id === article.createdById && before.includes(user.id);
  if (isCreator) return ALLOW;
  if (removed.length) return deny("Only the article's creator or an editor can remove an author.", "forbidden:byline");
  // The authors already there keep their order: a co-author cannot move ahead of the creator.
  const kept = after.filter((id) => before.includes(id));
  if (kept.join() !== before.join()) return deny("Only the article's creator or an editor can change the byline order.", "forbidden:byline");
  return ALLOW;
}

/** Profiles: everyone edits their own, admins edit anyone's. */
export function canEditProfile(user: PolicyUser | null, profileUserId: string): PolicyResult {
  if (!user || !user.active) return deny("Sign in to continue.", "unauthenticated");
  return user.id === profileUserId || user.role === "admin" ? ALLOW : deny();
}

/** Interface language and typography are personal: each person sets their own, nobody else's. */
export function canEditPreferences(user: PolicyUser | null, ownerId: string): PolicyResult {
  if (!user || !user.active) return deny("Sign in to continue.", "unauthenticated");
  return user.id === ownerId ? ALLOW : deny("Only the person themselves can change their preferences.");
}

/**
 * Sharing a preview with someone outside the newsroom (and revoking such a link) is for whoever
 * may change the article: editors and admins always, its authors while they may edit it. A
 * journalist whose article is in review cannot send a version out behind the reviewer's back.
 */
export function canSharePreview(user: PolicyUser | null, article: PolicyArticle): PolicyResult {
  const edit = canArticle(user, "edit", article);
  if (!edit.ok && edit.code === "locked") return deny("Only an editor can share a preview of this article while it is locked.", "locked");
  return edit;
}

export type UserTarget = { id: string; role: Role; active: boolean };
export type UserChange = { role?: Role; active?: boolean };

/**
 * User management (admins only). The last active admin can be neither demoted nor deactivated,
 * so the newsroom always keeps someone who can manage it; the caller counts active admins
 * inside the same transaction that makes the change.
 */
export function canChangeUser(user: PolicyUser | null, target: UserTarget, change: UserChange, activeAdminCount: number): PolicyResult {
  const manage = canGlobal(user, "users:manage");
  if (!manage.ok) return manage;
  const losesAdmin = (change.role !== undefined && change.role !== "admin") || change.active === false;
  if (target.role === "admin" && target.active && losesAdmin && activeAdminCount <= 1) {
    return deny("This is the last active admin: make someone else an admin first.", "last_admin");
  }
  return ALLOW;
}

/**
 * The first-run setup creates an admin without anyone signed in, so it is open only while the
 * newsroom has no account at all: once anyone exists, accounts come from an admin or the CLI,
 * and the setup answers as if it had never been there. The caller counts the accounts inside
 * the transaction that would create the admin, under the setup's lock.
 */
export function canRunFirstSetup(existingAccounts: number): PolicyResult {
  return existingAccounts === 0 ? ALLOW : deny("The newsroom is already set up: sign in, or ask an admin for an account.", "not_found");
}
