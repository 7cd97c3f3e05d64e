import { describe, expect, it } from "vitest";

import { canArticle, canInlineComment, type PolicyArticle, type PolicyUser } from "@/lib/permissions";
import type { ArticleStatus } from "@/lib/workflow/article-workflow";

const STATES: ArticleStatus[] = ["draft", "in_review", "changes_requested", "approved", "scheduled", "published", "unpublished"];
const author: PolicyUser = { id: "a", role: "journalist", active: true };
const other: PolicyUser = { id: "o", role: "journalist", active: true };
const editor: PolicyUser = { id: "e", role: "editor", active: true };
const admin: PolicyUser = { id: "m", role: "admin", active: true };
const gone: PolicyUser = { ...author, active: false };

describe("canInlineComment", () => {
  it("follows the discussion's rule for every role and state", () => {
    for (const status of STATES) {
      const article: PolicyArticle = { status, authorIds: ["a"] };
      for (const u of [author, editor, admin]) {
        expect(canInlineComment(u, "write", article).ok, `${u.role} ${status}`).toBe(true);
        expect(canInlineComment(u, "read", article).ok).toBe(true);
      }
      for (const u of [other, gone, null]) {
        expect(canInlineComment(u, "write", article).ok, `${u?.role ?? "signed out"} ${status}`).toBe(false);
        expect(canInlineComment(u, "read", article).ok).toBe(false);
      }
      for (const u of [author, other, editor, admin, gone, null]) expect(canInlineComment(u, "write", article)).toEqual(canArticle(u, "comment", article));
    }
  });
});
