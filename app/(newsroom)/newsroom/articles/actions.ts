"use server";

import { getTranslations } from "next-intl/server";
import { redirect } from "next/navigation";
import { z } from "zod";

import { getDb } from "@/db";
import { insertMedia } from "@/db/queries/media";
import { deletePresence } from "@/db/queries/presence";
import { authedAction, valuesOf } from "@/lib/actions/authed-action";
import { denied, fail, refused, type ActionResult } from "@/lib/actions/result";
import { loadArticleForUser } from "@/lib/articles/access";
import { copyAsNewDraft, saveArticle } from "@/lib/articles/editing";
import { heartbeat } from "@/lib/articles/presence";
import { restoreRevision, saveVersion } from "@/lib/articles/revisions";
import { saveAnswer, saveMessage, type SaveAnswer } from "@/lib/articles/save-answer";
import { createArticle } from "@/lib/articles/store";
import { suggestTags } from "@/lib/articles/tag-suggestions";
import type { CurrentUser } from "@/lib/auth/session";
import { newsroomLocale } from "@/lib/i18n/interface";
import { storeImage } from "@/lib/images/upload";
import { requestLog } from "@/lib/observability/request-log";
import { canGlobal } from "@/lib/permissions";
import { bodyText } from "@/lib/rich-text/body";
import { getSettings } from "@/lib/settings";
import type { ArticleChanges } from "@/lib/validations/article";
import { translateFieldErrors } from "@/lib/validations/messages";

// The editor's payloads are validated by the domain functions themselves (with the editor's own
// field names and messages); these schemas only let them through.
const anyChanges = z.custom<ArticleChanges>();
const articleId = z.uuid();

const save = authedAction(z.unknown(), async (input, user): Promise<SaveAnswer> => {
  const result = await saveArticle(await getDb(), user, input);
  return saveAnswer(result, await newsroomLocale());
});

/** Autosave and flush: the domain function does validation, policy and the conditional update. */
export async function saveArticleAction(input: unknown): Promise<SaveAnswer> {
  try {
    // The whole pipeline inside the try: a database fault while reading the session is "unavailable, retrying" too.
    return await save(input);
  } catch (error) {
    (await requestLog()).error({ err: error }, "saveArticle failed");
    // The language read needs the database too: English when it is the one unreachable.
    const locale = await newsroomLocale().catch(() => "en" as const);
    return fail("unavailable", saveMessage("unavailable", locale) ?? undefined);
  }
}

export const createDraftAction = authedAction(z.void(), async (_none, user): Promise<ActionResult<{ id: string }>> => {
  const may = canGlobal(user, "article:create");
  if (!may.ok) return denied(may);
  const db = await getDb();
  const { defaultArticleLanguage } = await getSettings(db);
  const article = await createArticle(db, { createdById: user.id, language: defaultArticleLanguage });
  return { ok: true, data: { id: article.id } };
});

export const copyAsDraftAction = authedAction(anyChanges, async (changes, user): Promise<ActionResult<{ id: string }>> => {
  const r = await copyAsNewDraft(await getDb(), user, changes);
  if (r.ok) return { ok: true, data: { id: r.id } };
  const locale = await newsroomLocale();
  return refused({ ...r, message: saveMessage(r.code, locale) ?? r.message, fieldErrors: r.fieldErrors && translateFieldErrors(r.fieldErrors, locale) });
});

async function loadViewable(user: CurrentUser, id: string) {
  const db = await getDb();
  const r = await loadArticleForUser({ db, id, user, action: "view" });
  if (!r.ok) return r.code === "not_found" ? fail("not_found") : denied(r);
  return { ok: true as const, db, article: r.article };
}

export type WorkingCopy = { version: number; headline: string; dek: string; highlights: string[]; text: string };

/** "See the other version": the working copy as the server has it now. */
export const getWorkingCopyAction = authedAction(articleId, async (id, user): Promise<ActionResult<WorkingCopy>> => {
  const r = await loadViewable(user, id);
  if (!r.ok) return r;
  const a = r.article;
  return { ok: true, data: { version: a.version, headline: a.headline, dek: a.dek, highlights: a.highlights, text: bodyText(a.body) } };
});

export const heartbeatAction = authedAction(articleId, async (id, user): Promise<ActionResult<{ others: { id: string; name: string }[] }>> => {
  const r = await loadViewable(user, id);
  if (!r.ok) return r;
  return { ok: true, data: { others: await heartbeat(r.db, id, user.id) } };
});

export const leaveAction = authedAction(articleId, async (id, user): Promise<ActionResult> => {
  await deletePresence({ db: await getDb(), articleId: id, userId: user.id });
  return { ok: true };
});

const suggest = authedAction(z.string().max(60), async (typed, user): Promise<ActionResult<string[]>> => ({
  ok: true,
  data: await suggestTags(await getDb(), user, typed),
}));

/** Typeahead: whatever goes wrong, there is simply nothing to suggest. */
export async function suggestTagsAction(typed: string): Promise<string[]> {
  const r = await suggest(typed);
  return r.ok ? r.data : [];
}

export const saveVersionAction = authedAction(
  z.object({ articleId, note: z.string().max(500).optional() }),
  async (input, user): Promise<ActionResult<{ number: number }>> => {
    const r = await saveVersion(await getDb(), user, input);
    return r.ok ? { ok: true, data: { number: r.revision.number } } : refused(r);
  },
);

const restore = authedAction(
  z.object({ articleId, number: z.coerce.number().int().positive() }),
  async (input, user): Promise<ActionResult<{ number: number }, { articleId: string }>> => {
    const r = await restoreRevision(await getDb(), user, input);
    return r.ok ? { ok: true, data: { number: input.number } } : fail(r.code, r.message, undefined, { articleId: input.articleId });
  },
);

/** A plain form on the history page, so every answer is a page: the editor, the history with the reason, or sign-in. */
export async function restoreRevisionAction(formData: FormData) {
  const input = valuesOf(formData);
  const r = await restore({ articleId: input.articleId, number: input.number });
  if (r.ok) redirect(`/newsroom/articles/${input.articleId}?restored=${r.data.number}`);
  if (r.code === "unauthenticated") redirect("/login");
  if (!r.data) redirect("/newsroom");
  redirect(`/newsroom/articles/${r.data.articleId}/history?error=${encodeURIComponent(r.message)}`);
}

/** Body and featured images: checked by content, re-encoded, recorded in media. */
export const uploadImageAction = authedAction(z.instanceof(FormData), async (formData, user): Promise<ActionResult<{ url: string }>> => {
  if (!canGlobal(user, "article:create").ok) return fail("forbidden");
  const file = formData.get("file");
  const t = await getTranslations({ locale: await newsroomLocale(), namespace: "editor" });
  if (!(file instanceof File)) return fail("invalid", t("image.chooseFile"));
  const stored = await storeImage(file);
  if (!stored.ok) return fail("invalid", t(`image.upload.${stored.code}`));
  await insertMedia({
    db: await getDb(),
    path: stored.url,
    mimeType: stored.mimeType,
    width: stored.width,
    height: stored.height,
    bytes: stored.bytes,
    uploadedById: user.id,
  });
  return { ok: true, data: { url: stored.url } };
});
