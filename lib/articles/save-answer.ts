import { fail, type ActionResult } from "@/lib/actions/result";

import type { ConflictInfo, SaveResult } from "./editing";

export type Saved = { version: number; slug: string; savedAt: string };

/** What the editor gets back from a save: the new version, or the newer one it conflicts with. */
export type SaveAnswer = ActionResult<Saved, ConflictInfo>;

/** saveArticle's own result in the shape of every action. */
export function saveAnswer(r: SaveResult): SaveAnswer {
  if (r.ok) return { ok: true, data: { version: r.version, slug: r.slug, savedAt: r.savedAt } };
  return fail(r.code, r.message, "fieldErrors" in r ? r.fieldErrors : undefined, "current" in r ? r.current : undefined);
}
