import { createTranslator } from "use-intl/core";

import { fail, type ActionResult } from "@/lib/actions/result";
import { MESSAGES, type AppLocale } from "@/lib/i18n/messages";
import { translateFieldErrors } from "@/lib/validations/messages";

import type { ConflictInfo, SaveResult } from "./editing";

export type Saved = { version: number; slug: string; savedAt: string };

/** What the editor gets back from a save: the new version, or the newer one it conflicts with. */
export type SaveAnswer = ActionResult<Saved, ConflictInfo>;

/** The answers of the save pipeline that the catalogue words (others are the policy's own reasons). */
const SAVE_MESSAGES = { invalid: "save.invalid", conflict: "save.conflict", not_found: "save.notFound", unavailable: "save.unavailable" } as const;

/** The sentence for a save failure `code` in `locale`, or null when the code has none of its own. */
export function saveMessage(code: string, locale: AppLocale): string | null {
  const key = SAVE_MESSAGES[code as keyof typeof SAVE_MESSAGES];
  return key ? createTranslator({ locale, messages: MESSAGES[locale], namespace: "articles" })(key) : null;
}

/** saveArticle's own result in the shape of every action, in the interface language. */
export function saveAnswer(r: SaveResult, locale: AppLocale = "en"): SaveAnswer {
  if (r.ok) return { ok: true, data: { version: r.version, slug: r.slug, savedAt: r.savedAt } };
  return fail(
    r.code,
    saveMessage(r.code, locale) ?? r.message,
    "fieldErrors" in r ? translateFieldErrors(r.fieldErrors, locale) : undefined,
    "current" in r ? r.current : undefined,
  );
}
