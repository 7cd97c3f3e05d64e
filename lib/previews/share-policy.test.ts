import { describe, expect, it } from "vitest";

import { canSharePreview, type PolicyUser } from "@/lib/permissions";
import type { ArticleStatus } from "@/lib/workflow/article-workflow";

const author: PolicyUser = { id: "a", role: "journalist", active: true };
const other: PolicyUser = { id: "o", role: "journalist", active: true };
const editor: PolicyUser = { id: "e", role: "editor", active: true };
const admin: PolicyUser = { id: "d", role: "admin", active: true };
const gone: PolicyUser = { id: "g", role: "editor", active: false };

// Who may share (and revoke) a preview link, per state: the table is the test.
const TABLE: [ArticleStatus, Record<string, boolean>][] = [
  ["draft", { author: true, other: false, editor: true, admin: true, gone: false, none: false }],
  ["changes_requested", { author: true, other: false, editor: true, admin: true, gone: false, none: false }],
  ["in_review", { author: false, other: false, editor: true, admin: true, gone: false, none: false }],
  ["approved", { author: false, other: false, editor: true, admin: true, gone: false, none: false }],
  ["scheduled", { author: false, other: false, editor: true, admin: true, gone: false, none: false }],
  ["published", { author: false, other: false, editor: true, admin: true, gone: false, none: false }],
  ["unpublished", { author: false, other: false, editor: true, admin: true, gone: false, none: false }],
];
const USERS: Record<string, PolicyUser | null> = { author, other, editor, admin, gone, none: null };

describe("canSharePreview", () => {
  it.each(TABLE)("%s", (status, want) => {
    const got = Object.fromEntries(
      Object.keys(want).map((k) => [k, canSharePreview(USERS[k], { status, authorIds: [author.id], hasUnpublishedChanges: false }).ok]),
    );
    expect(got).toEqual(want);
  });
});
