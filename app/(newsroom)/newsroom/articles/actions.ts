"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import { getDb } from "@/db";
import { getArticleById } from "@/db/queries/articles";
import { media } from "@/db/schema";
import { fail } from "@/lib/actions/authed-action";
import { copyAsNewDraft, saveArticle, type SaveResult } from "@/lib/articles/editing";
import { heartbeat, leave } from "@/lib/articles/presence";
import { restoreRevision, saveVersion } from "@/lib/articles/revisions";
import { createArticle, getAuthorIds } from "@/lib/articles/store";
import { suggestTags } from "@/lib/articles/tag-suggestions";
import { getCurrentUser } from "@/lib/auth/session";
import { storeImage } from "@/lib/images/upload";
import { canArticle, canGlobal } from "@/lib/permissions";
import { bodyText } from "@/lib/rich-text/body";
import { getSettings } from "@/lib/settings";
import type { ArticleChanges } from "@/lib/validations/article";

const unavailable = () => fail("unavailable");

/** Autosave and flush: the domain function does validation, policy and the conditional update. */
export async function saveArticleAction(input: unknown): Promise<SaveResult> {
  try {
    // Inside the try: a database fault while reading the session is "unavailable, retrying" too.
    const user = await getCurrentUser();
    if (!user) return fail("unauthenticated");
    return await saveArticle(await getDb(), user, input);
  } catch (error) {
    console.error("saveArticle failed", error);
    return unavailable();
  }
}

export async function createDraftAction(): Promise<{ ok: true; id: string } | ReturnType<typeof fail>> {
  const user = await getCurrentUser();
  if (!user) return fail("unauthenticated");
  const may = canGlobal(user, "article:create");
  if (!may.ok) return fail(may.code, may.reason);
  const db = await getDb();
  const { defaultArticleLanguage } = await getSettings(db);
  const article = await createArticle(db, { createdById: user.id, language: defaultArticleLanguage });
  return { ok: true, id: article.id };
}

export async function copyAsDraftAction(changes: ArticleChanges) {
  const user = await getCurrentUser();
  if (!user) return fail("unauthenticated");
  return copyAsNewDraft(await getDb(), user, changes);
}

async function loadViewable(articleId: string) {
  const user = await getCurrentUser();
  if (!user) return { error: fail("unauthenticated") } as const;
  const db = await getDb();
  const article = await getArticleById({ db, id: articleId });
  if (!article) return { error: fail("not_found") } as const;
  const authorIds = await getAuthorIds(db, article.id);
  const may = canArticle(user, "view", { status: article.status, authorIds });
  if (!may.ok) return { error: fail(may.code, may.reason) } as const;
  return { user, db, article } as const;
}

/** "See the other version": the working copy as the server has it now. */
export async function getWorkingCopyAction(articleId: string) {
  const r = await loadViewable(articleId);
  if ("error" in r) return r.error;
  const a = r.article;
  return { ok: true as const, version: a.version, headline: a.headline, dek: a.dek, highlights: a.highlights, text: bodyText(a.body) };
}

export async function heartbeatAction(articleId: string) {
  const r = await loadViewable(articleId);
  if ("error" in r) return { ok: false as const, others: [] };
  return { ok: true as const, others: await heartbeat(r.db, articleId, r.user.id) };
}

export async function leaveAction(articleId: string) {
  const user = await getCurrentUser();
  if (user && z.uuid().safeParse(articleId).success) await leave(await getDb(), articleId, user.id);
}

export async function suggestTagsAction(typed: string): Promise<string[]> {
  const user = await getCurrentUser();
  if (!user || typeof typed !== "string" || typed.length > 60) return [];
  return suggestTags(await getDb(), user, typed);
}

export async function saveVersionAction(input: { articleId: string; note?: string }) {
  const user = await getCurrentUser();
  if (!user) return fail("unauthenticated");
  const parsed = z.object({ articleId: z.uuid(), note: z.string().max(500).optional() }).safeParse(input);
  if (!parsed.success) return fail("invalid");
  return saveVersion(await getDb(), user, parsed.data);
}

export async function restoreRevisionAction(formData: FormData) {
  const user = await getCurrentUser();
  if (!user) return redirect("/login");
  const parsed = z.object({ articleId: z.uuid(), number: z.coerce.number().int().positive() }).safeParse(Object.fromEntries(formData));
  if (!parsed.success) return redirect("/newsroom");
  const r = await restoreRevision(await getDb(), user, parsed.data);
  if (!r.ok) return redirect(`/newsroom/articles/${parsed.data.articleId}/history?error=${encodeURIComponent(r.message)}`);
  redirect(`/newsroom/articles/${parsed.data.articleId}?restored=${parsed.data.number}`);
}

/** Body and featured images: checked by content, re-encoded, recorded in media. */
export async function uploadImageAction(formData: FormData): Promise<{ ok: true; url: string } | { ok: false; message: string }> {
  const user = await getCurrentUser();
  if (!user) return { ok: false, message: "Your session has ended. Sign in again." };
  if (!canGlobal(user, "article:create").ok) return { ok: false, message: "You are not allowed to do this." };
  const file = formData.get("file");
  if (!(file instanceof File)) return { ok: false, message: "Choose an image file." };
  const stored = await storeImage(file);
  if (!stored.ok) return { ok: false, message: stored.error };
  const db = await getDb();
  await db.insert(media).values({ path: stored.url, mimeType: stored.mimeType, width: stored.width, height: stored.height, bytes: stored.bytes, uploadedById: user.id });
  return { ok: true, url: stored.url };
}
