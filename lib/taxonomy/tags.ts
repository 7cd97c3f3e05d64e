import "server-only";

import type { Db, Tx } from "@/db";
import { insertEvent } from "@/db/queries/events";
import { updateSlugRedirectTargets, upsertSlugRedirect } from "@/db/queries/slug-redirects";
import {
  countTagArticles,
  deleteTagById,
  getTagByIdentity,
  getTagForUpdate,
  listTagsForUpdate,
  listTagsMatching,
  moveTagUses,
  updateTag,
  type TagRow,
} from "@/db/queries/tags";
import { denied } from "@/lib/actions/result";
import { canGlobal, type PolicyUser } from "@/lib/permissions";
import { slugify, tagDisplayName } from "@/lib/slug";

import { isUniqueViolation, refuse, type Result } from "./result";
import { TAGS_PAGE_SIZE } from "./validation";

/** ensureTags makes slugs with this length: a rename must fold the same way or it forks the tag. */
export const tagSlug = (name: string) => slugify(tagDisplayName(name), 60);

/** A search matches the display name or the folded slug, so "securite" finds "Cybersécurité". */
export async function listTagsWithUsage(db: Tx, opts: { query?: string; page?: number } = {}): Promise<{ rows: TagRow[]; total: number }> {
  const q = opts.query?.trim() ?? "";
  const folded = q ? tagSlug(q) : "";
  const page = Math.max(1, opts.page ?? 1);
  return listTagsMatching({ db, name: q, slug: folded, limit: TAGS_PAGE_SIZE, offset: (page - 1) * TAGS_PAGE_SIZE });
}

export async function findTagByTyped(db: Tx, typed: string) {
  const slug = tagSlug(typed);
  if (!slug) return undefined;
  return getTagByIdentity({ db, slug });
}

/**
 * The slug follows the name: it is the tag's identity (ensureTags finds tags by slug), so a tag
 * renamed "Chine" → "République populaire de Chine" keeping slug "chine" would fork into two tags
 * the next time someone types the new name. The old /tags/<slug> URL redirects to the new one.
 * A name that folds onto another tag's slug is refused with that tag, so the UI can offer a merge.
 */
export async function renameTag(
  db: Db,
  actor: PolicyUser,
  input: { id: number; name: string },
): Promise<Result<{ name: string; slug: string; oldSlug: string }>> {
  const allowed = canGlobal(actor, "tags:manage");
  if (!allowed.ok) return denied(allowed);
  const name = tagDisplayName(input.name);
  const slug = tagSlug(name);
  if (!slug) return refuse("invalid", "Please correct the highlighted fields.", { name: ["Use at least one letter or digit."] });
  try {
    return await db.transaction(async (tx) => {
      const current = await getTagForUpdate({ db: tx, id: input.id });
      if (!current) return refuse("not_found", "This tag no longer exists.");
      const other = await getTagByIdentity({ db: tx, slug });
      if (other && other.id !== current.id) {
        return {
          ...refuse("duplicate", "Please correct the highlighted fields.", {
            name: [`This is the same tag as “${other.name}”, which already exists: merge instead.`],
          }),
          mergeInto: { id: other.id, name: other.name },
        };
      }
      if (current.name === name) return { ok: true as const, data: { name, slug, oldSlug: current.slug } };
      await updateTag({ db: tx, id: current.id, set: { name, slug } });
      // Links and bookmarks to the old /tags/<slug> keep working.
      if (current.slug !== slug) await upsertSlugRedirect({ db: tx, kind: "tag", oldSlug: current.slug, targetId: current.id });
      await insertEvent({
        db: tx,
        event: {
          type: "tag.renamed",
          actorId: actor.id,
          data: { tagId: current.id, from: current.name, to: name, fromSlug: current.slug, toSlug: slug },
        },
      });
      return { ok: true as const, data: { name, slug, oldSlug: current.slug } };
    });
  } catch (error) {
    if (isUniqueViolation(error))
      return refuse("duplicate", "Please correct the highlighted fields.", { name: ["Another tag with this name was just created: merge instead."] });
    throw error;
  }
}

/** working/live: rows moved (an article already carrying B moves nothing); articles: every article that carried A. */
export type MergeReport = {
  from: { name: string; slug: string };
  into: { id: number; name: string; slug: string };
  working: number;
  live: number;
  articles: number;
};

/**
 * Moves every use of tag A onto tag B, then deletes A, in one transaction. An article carrying
 * both keeps B at B's place; otherwise B takes A's place in the article's tag order. Cut
 * revisions keep their immutable snapshot (history); public pages read live tags by id.
 */
export async function mergeTags(db: Db, actor: PolicyUser, input: { id: number; intoId: number }): Promise<Result<MergeReport>> {
  const allowed = canGlobal(actor, "tags:manage");
  if (!allowed.ok) return denied(allowed);
  if (input.id === input.intoId) return refuse("invalid", "Please correct the highlighted fields.", { into: ["A tag cannot be merged into itself."] });
  return db.transaction(async (tx) => {
    // Both rows locked in id order, so two opposite merges cannot deadlock.
    const locked = await listTagsForUpdate({ db: tx, ids: [input.id, input.intoId] });
    const from = locked.find((t) => t.id === input.id);
    const into = locked.find((t) => t.id === input.intoId);
    if (!from) return refuse("not_found", "This tag no longer exists.");
    if (!into) return refuse("not_found", "Please correct the highlighted fields.", { into: ["This tag no longer exists."] });
    const carried = await countTagArticles({ db: tx, id: from.id });
    const moved = await moveTagUses({ db: tx, fromId: from.id, intoId: into.id });
    await deleteTagById({ db: tx, id: from.id });
    // /tags/<A> (and A's own old slugs) now lead to B.
    await updateSlugRedirectTargets({ db: tx, kind: "tag", fromId: from.id, toId: into.id });
    await upsertSlugRedirect({ db: tx, kind: "tag", oldSlug: from.slug, targetId: into.id });
    const data = {
      from: { name: from.name, slug: from.slug },
      into: { id: into.id, name: into.name, slug: into.slug },
      working: moved.working,
      live: moved.live,
      articles: carried,
    };
    await insertEvent({ db: tx, event: { type: "tag.merged", actorId: actor.id, data: { tagId: from.id, intoTagId: into.id, ...data } } });
    return { ok: true as const, data };
  });
}

/** Merge by what the editor typed ("#Chine", "chine", "Chine"): resolved to a tag by its slug. */
export async function mergeTagInto(db: Db, actor: PolicyUser, input: { id: number; into: string }): Promise<Result<MergeReport>> {
  const allowed = canGlobal(actor, "tags:manage");
  if (!allowed.ok) return denied(allowed);
  const target = await findTagByTyped(db, input.into);
  if (!target) return refuse("not_found", "Please correct the highlighted fields.", { into: [`No tag “${tagDisplayName(input.into)}” exists.`] });
  return mergeTags(db, actor, { id: input.id, intoId: target.id });
}

/** Only an unused tag can be deleted: removing a tag from articles is the editor's job, or a merge. */
export async function deleteTag(db: Db, actor: PolicyUser, input: { id: number }): Promise<Result<{ name: string; slug: string }>> {
  const allowed = canGlobal(actor, "tags:manage");
  if (!allowed.ok) return denied(allowed);
  return db.transaction(async (tx) => {
    const current = await getTagForUpdate({ db: tx, id: input.id });
    if (!current) return refuse("not_found", "This tag no longer exists.");
    const n = await countTagArticles({ db: tx, id: input.id });
    if (n > 0) return refuse("in_use", `“${current.name}” is used by ${n} article${n === 1 ? "" : "s"}: merge it into another tag instead.`);
    await deleteTagById({ db: tx, id: input.id });
    await insertEvent({ db: tx, event: { type: "tag.deleted", actorId: actor.id, data: { tagId: current.id, name: current.name, slug: current.slug } } });
    return { ok: true as const, data: { name: current.name, slug: current.slug } };
  });
}
