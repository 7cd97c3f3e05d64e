import "server-only";

import type { Tx } from "@/db";
import { replaceArticleAuthors } from "@/db/queries/article-people";
import { getLatestSave, isSlugTaken, updateArticle, updateWorkingCopy, type WorkingCopyChanges } from "@/db/queries/articles";
import { insertEvent } from "@/db/queries/events";
import { sectionExists } from "@/db/queries/sections";
import { denied, fieldErrorsOf } from "@/lib/actions/result";
import { clearChecklistOnChange } from "@/lib/checklist/checklist";
import { canArticle, canChangeByline, canGlobal, type PolicyUser } from "@/lib/permissions";
import { parseBody } from "@/lib/rich-text/body";
import { withoutNul } from "@/lib/security/text";
import { cleanSeoFields } from "@/lib/seo/article-seo";
import { slugify } from "@/lib/slug";
import { articleChangesSchema, articleFieldOf, saveArticleSchema, type ArticleChanges } from "@/lib/validations/article";

import { loadArticleForUser } from "./access";
import { checkAuthors, notifyBylineChange } from "./byline";
import { addContributors, createArticle, freeArticleSlug, setArticleTags } from "./store";

export type ConflictInfo = { version: number; updatedAt: string; updatedByName: string | null };
export type SaveResult =
  | { ok: true; version: number; slug: string; savedAt: string }
  | { ok: false; code: "conflict"; message: string; current: ConflictInfo }
  | { ok: false; code: "invalid"; message: string; fieldErrors: Record<string, string[]> }
  | { ok: false; code: string; message: string };

const invalid = (fieldErrors: Record<string, string[]>) =>
  ({ ok: false, code: "invalid", message: "Not saved: please correct the highlighted fields.", fieldErrors }) as const;

async function conflictInfo(db: Tx, id: string): Promise<ConflictInfo> {
  const row = await getLatestSave({ db, id });
  return { version: row?.version ?? 0, updatedAt: (row?.updatedAt ?? new Date()).toISOString(), updatedByName: row?.name ?? null };
}

/**
 * Saves the working copy with optimistic concurrency: the UPDATE only matches the row while
 * its version is still the one the editor started from, and bumps it. A stale save changes
 * nothing and returns the version that won, so the editor can show the conflict.
 *
 * Idempotent retries: a save carries a saveId, kept by the editor across retries until it gets
 * a definite answer. When the row's current version was produced by that same saveId, the
 * earlier attempt committed but its answer was lost (e.g. the connection died after COMMIT):
 * nobody else saved since, so this attempt applies on top of it instead of reporting a conflict.
 */
export async function saveArticle(db: Tx, actor: PolicyUser, raw: unknown): Promise<SaveResult> {
  const parsed = saveArticleSchema.safeParse(withoutNul(raw));
  if (!parsed.success) return invalid(fieldErrorsOf(parsed.error, articleFieldOf));
  const { id, saveId, changes } = parsed.data;

  const loaded = await loadArticleForUser({ db, id, user: actor, action: "edit" });
  if (!loaded.ok) {
    return loaded.code === "not_found" ? { ok: false, code: "not_found", message: "This article no longer exists." } : denied(loaded);
  }
  const { article, authorIds } = loaded;
  // A retry of our own save that landed: continue from the version it produced.
  const landedEarlier =
    saveId !== undefined && article.lastSaveId === saveId && article.lastSaveVersion === article.version && article.version > parsed.data.expectedVersion;
  const expectedVersion = landedEarlier ? article.version : parsed.data.expectedVersion;
  const bylineChanged = changes.authorIds !== undefined && changes.authorIds.join() !== authorIds.join();
  if (changes.authorIds) {
    const may = canArticle(actor, "manage_authors", loaded.policy);
    if (!may.ok) return denied(may);
  }
  if (bylineChanged) {
    const may = canChangeByline(actor, { status: article.status, authorIds, createdById: article.createdById }, authorIds, changes.authorIds!);
    // Shown beside the Authors field, like the other byline problems (duplicates, unknown users).
    if (!may.ok) return invalid({ authorIds: [may.reason] });
  }
  if (article.version !== expectedVersion) {
    return { ok: false, code: "conflict", message: "Someone else saved a newer version.", current: await conflictInfo(db, id) };
  }

  const set: WorkingCopyChanges = {};
  const errors: Record<string, string[]> = {};
  if (changes.headline !== undefined) set.headline = changes.headline.trim();
  if (changes.dek !== undefined) set.dek = changes.dek.trim();
  if (changes.highlights !== undefined) set.highlights = changes.highlights.map((h) => h.trim()).filter(Boolean);
  if (changes.language !== undefined) set.language = changes.language;
  if (changes.featuredImage !== undefined) set.featuredImage = changes.featuredImage;
  if (changes.seo !== undefined) set.seo = cleanSeoFields(changes.seo);
  if (changes.body !== undefined) {
    const body = parseBody(changes.body);
    if (body.ok) set.body = body.doc;
    else errors.body = [body.error];
  }
  if (changes.sectionId !== undefined) {
    if (changes.sectionId !== null) {
      if (!(await sectionExists({ db, id: changes.sectionId }))) errors.sectionId = ["This section does not exist."];
    }
    set.sectionId = changes.sectionId;
  }
  if (changes.slug !== undefined) {
    const wanted = slugify(changes.slug, 80);
    if (wanted !== article.slug) {
      if (article.firstPublishedAt) errors.slug = ["The slug cannot change after the first publication."];
      else if (!wanted) errors.slug = changes.slugAuto ? [] : ["The slug needs at least one letter or digit."];
      else if (changes.slugAuto) set.slug = await freeArticleSlug(db, wanted, { viewer: actor, exceptId: id });
      else {
        // Only a clash the actor can see is reported (db/queries/articles.ts, isSlugTaken).
        if (await isSlugTaken({ db, slug: wanted, viewer: actor, exceptId: id })) errors.slug = ["Another article already uses this slug."];
        else set.slug = wanted;
      }
      if (errors.slug?.length === 0) delete errors.slug;
    }
  }
  if (changes.authorIds) {
    const problem = await checkAuthors(db, authorIds, changes.authorIds);
    if (problem) errors.authorIds = [problem];
  }
  if (Object.keys(errors).length) return invalid(errors);

  return db.transaction(async (tx): Promise<SaveResult> => {
    const now = new Date();
    const row = await updateWorkingCopy({
      db: tx,
      id,
      expectedVersion,
      saveId: saveId ?? null,
      set: {
        ...set,
        updatedAt: now,
        updatedById: actor.id,
        // The live revision stays as it is; the working copy now differs from it.
        ...(article.status === "published" ? { hasUnpublishedChanges: true } : {}),
      },
    });
    if (!row) {
      return { ok: false, code: "conflict", message: "Someone else saved a newer version.", current: await conflictInfo(tx, id) };
    }
    if (changes.tags) await setArticleTags(tx, id, changes.tags);
    await clearChecklistOnChange(tx, actor.id, id, article, { headline: set.headline, body: set.body, version: row.version });
    // The two-person rule counts whoever edited this version or was on its byline, so an editor
    // cannot approve their own work by moving the byline.
    await addContributors(tx, id, [actor.id, ...authorIds, ...(changes.authorIds ?? [])]);
    if (bylineChanged) {
      await replaceArticleAuthors({ db: tx, articleId: id, userIds: changes.authorIds! });
      await insertEvent({
        db: tx,
        event: { type: "article.authors_changed", actorId: actor.id, articleId: id, data: { from: authorIds, to: changes.authorIds } },
      });
      // The headline as it was before this save: all that an author taken off may have seen.
      await notifyBylineChange(tx, actor, id, article.headline, authorIds, changes.authorIds!);
    }
    // One entry per editing session of a person, not one per autosave: enough to attribute edits.
    if (article.updatedById !== actor.id) {
      await insertEvent({
        db: tx,
        event: { type: "article.edited", actorId: actor.id, articleId: id, data: { version: row.version, status: article.status } },
      });
    }
    return { ok: true, version: row.version, slug: row.slug, savedAt: now.toISOString() };
  });
}

/** "Keep mine as a copy": a new draft, authored by the actor, holding the text that could not be saved. */
export async function copyAsNewDraft(
  db: Tx,
  actor: PolicyUser,
  raw: ArticleChanges,
): Promise<{ ok: true; id: string } | { ok: false; code: string; message: string; fieldErrors?: Record<string, string[]> }> {
  const may = canGlobal(actor, "article:create");
  if (!may.ok) return denied(may);
  const parsed = articleChangesSchema.safeParse(withoutNul(raw));
  if (!parsed.success) return invalid(fieldErrorsOf(parsed.error, articleFieldOf));
  const c = parsed.data;
  const body = c.body === undefined ? undefined : parseBody(c.body);
  if (body && !body.ok) return invalid({ body: [body.error] });
  const article = await createArticle(db, {
    createdById: actor.id,
    headline: c.headline,
    dek: c.dek,
    highlights: c.highlights?.map((h) => h.trim()).filter(Boolean),
    language: c.language,
    sectionId: c.sectionId ?? null,
    body: body?.ok ? body.doc : undefined,
    tags: c.tags,
  });
  if (c.featuredImage) await updateArticle({ db, id: article.id, set: { featuredImage: c.featuredImage } });
  if (c.seo) await updateArticle({ db, id: article.id, set: { seo: cleanSeoFields(c.seo) } });
  return { ok: true, id: article.id };
}
