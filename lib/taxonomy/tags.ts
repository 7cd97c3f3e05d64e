import "server-only";

import { eq, sql } from "drizzle-orm";

import { queryRows, type Db, type Tx } from "@/db";
import { tags } from "@/db/schema";
import { denied } from "@/lib/actions/result";
import { recordEvent } from "@/lib/articles/events";
import { canGlobal, type PolicyUser } from "@/lib/permissions";
import { recordSlugRedirect, repointSlugRedirects } from "@/lib/seo/slug-redirects";
import { slugify, tagDisplayName } from "@/lib/slug";

import { isUniqueViolation, refuse, type Result } from "./result";
import { TAGS_PAGE_SIZE } from "./validation";

export type TagRow = { id: number; name: string; slug: string; working: number; live: number };

/** ensureTags makes slugs with this length: a rename must fold the same way or it forks the tag. */
export const tagSlug = (name: string) => slugify(tagDisplayName(name), 60);

const working = sql`(select count(*)::int from article_tags x where x.tag_id = t.id)`;
const live = sql`(select count(*)::int from published_article_tags p join articles a on a.id = p.article_id
  where p.tag_id = t.id and a.status = 'published' and a.published_revision_id is not null)`;

/** A search matches the display name or the folded slug, so "securite" finds "Cybersécurité". */
export async function listTagsWithUsage(db: Tx, opts: { query?: string; page?: number } = {}): Promise<{ rows: TagRow[]; total: number }> {
  const q = opts.query?.trim() ?? "";
  const folded = q ? tagSlug(q) : "";
  const filter = q ? sql`where t.name ilike ${`%${escapeLike(q)}%`} or (${folded} <> '' and t.slug like ${`%${escapeLike(folded)}%`})` : sql``;
  const page = Math.max(1, opts.page ?? 1);
  const [rows, [{ total }]] = await Promise.all([
    queryRows<TagRow>(
      db,
      sql`select t.id, t.name, t.slug, ${working} as working, ${live} as live from tags t ${filter}
        order by lower(t.name), t.id limit ${TAGS_PAGE_SIZE} offset ${(page - 1) * TAGS_PAGE_SIZE}`,
    ),
    queryRows<{ total: number }>(db, sql`select count(*)::int as total from tags t ${filter}`),
  ]);
  return { rows, total };
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

export async function findTagByTyped(db: Tx, typed: string) {
  const slug = tagSlug(typed);
  if (!slug) return undefined;
  const [row] = await db.select().from(tags).where(eq(tags.slug, slug)).limit(1);
  return row;
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
      const [current] = await tx.select().from(tags).where(eq(tags.id, input.id)).for("update");
      if (!current) return refuse("not_found", "This tag no longer exists.");
      const [other] = await tx.select().from(tags).where(eq(tags.slug, slug)).limit(1);
      if (other && other.id !== current.id) {
        return {
          ...refuse("duplicate", "Please correct the highlighted fields.", {
            name: [`This is the same tag as “${other.name}”, which already exists: merge instead.`],
          }),
          mergeInto: { id: other.id, name: other.name },
        };
      }
      if (current.name === name) return { ok: true as const, data: { name, slug, oldSlug: current.slug } };
      await tx.update(tags).set({ name, slug }).where(eq(tags.id, current.id));
      // Links and bookmarks to the old /tags/<slug> keep working.
      if (current.slug !== slug) await recordSlugRedirect(tx, "tag", current.slug, current.id);
      await recordEvent(tx, {
        type: "tag.renamed",
        actorId: actor.id,
        data: { tagId: current.id, from: current.name, to: name, fromSlug: current.slug, toSlug: slug },
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
    const locked = await tx
      .select()
      .from(tags)
      .where(sql`${tags.id} in (${input.id}, ${input.intoId})`)
      .orderBy(tags.id)
      .for("update");
    const from = locked.find((t) => t.id === input.id);
    const into = locked.find((t) => t.id === input.intoId);
    if (!from) return refuse("not_found", "This tag no longer exists.");
    if (!into) return refuse("not_found", "Please correct the highlighted fields.", { into: ["This tag no longer exists."] });
    const [{ n: carried }] = await queryRows<{ n: number }>(
      tx,
      sql`select count(distinct article_id)::int as n from (select article_id from article_tags where tag_id = ${from.id}
        union select article_id from published_article_tags where tag_id = ${from.id}) u`,
    );
    const moved: number[] = [];
    for (const table of [sql`article_tags`, sql`published_article_tags`]) {
      const rows = await queryRows<{ article_id: string }>(
        tx,
        sql`insert into ${table} (article_id, tag_id, position)
          select article_id, ${into.id}, position from ${table} where tag_id = ${from.id}
          on conflict (article_id, tag_id) do nothing returning article_id`,
      );
      await tx.execute(sql`delete from ${table} where tag_id = ${from.id}`);
      moved.push(rows.length);
    }
    await tx.delete(tags).where(eq(tags.id, from.id));
    // /tags/<A> (and A's own old slugs) now lead to B.
    await repointSlugRedirects(tx, "tag", from.id, into.id);
    await recordSlugRedirect(tx, "tag", from.slug, into.id);
    const data = {
      from: { name: from.name, slug: from.slug },
      into: { id: into.id, name: into.name, slug: into.slug },
      working: moved[0],
      live: moved[1],
      articles: carried,
    };
    await recordEvent(tx, { type: "tag.merged", actorId: actor.id, data: { tagId: from.id, intoTagId: into.id, ...data } });
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
    const [current] = await tx.select().from(tags).where(eq(tags.id, input.id)).for("update");
    if (!current) return refuse("not_found", "This tag no longer exists.");
    const [{ n }] = await queryRows<{ n: number }>(
      tx,
      sql`select count(distinct article_id)::int as n from (select article_id from article_tags where tag_id = ${input.id}
        union select article_id from published_article_tags where tag_id = ${input.id}) u`,
    );
    if (n > 0) return refuse("in_use", `“${current.name}” is used by ${n} article${n === 1 ? "" : "s"}: merge it into another tag instead.`);
    await tx.delete(tags).where(eq(tags.id, input.id));
    await recordEvent(tx, { type: "tag.deleted", actorId: actor.id, data: { tagId: current.id, name: current.name, slug: current.slug } });
    return { ok: true as const, data: { name: current.name, slug: current.slug } };
  });
}
