import "server-only";

import { asc, eq, inArray, sql } from "drizzle-orm";

import { queryRows, type Tx } from "@/db";
import { tagIdentitySql } from "@/db/queries/article-tags";
import { publishedArticleTags, tags, type Tag, type TagSnapshot } from "@/db/schema";
import { tagIdentityOfSlug } from "@/lib/validations/article";

export type TagRow = { id: number; name: string; slug: string; working: number; live: number };

const working = sql`(select count(*)::int from article_tags x where x.tag_id = t.id)`;
const live = sql`(select count(*)::int from published_article_tags p join articles a on a.id = p.article_id
  where p.tag_id = t.id and a.status = 'published' and a.published_revision_id is not null)`;

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** Tags whose name contains `name` or whose slug contains `slug` (both optional), with how many articles use each. */
export async function listTagsMatching({
  db,
  name,
  slug,
  limit,
  offset,
}: {
  db: Tx;
  name?: string;
  slug?: string;
  limit: number;
  offset: number;
}): Promise<{ rows: TagRow[]; total: number }> {
  const filter = name ? sql`where t.name ilike ${`%${escapeLike(name)}%`} or (${slug ?? ""} <> '' and t.slug like ${`%${escapeLike(slug ?? "")}%`})` : sql``;
  const [rows, [{ total }]] = await Promise.all([
    queryRows<TagRow>(
      db,
      sql`select t.id, t.name, t.slug, ${working} as working, ${live} as live from tags t ${filter}
        order by lower(t.name), t.id limit ${limit} offset ${offset}`,
    ),
    queryRows<{ total: number }>(db, sql`select count(*)::int as total from tags t ${filter}`),
  ]);
  return { rows, total };
}

/** The tag with this slug's identity (the slug without hyphens): "cybersecuritefrancaise" finds "cybersecurite-francaise". */
export async function getTagByIdentity({ db, slug }: { db: Tx; slug: string }): Promise<Tag | undefined> {
  const [row] = await db
    .select()
    .from(tags)
    .where(eq(tagIdentitySql, tagIdentityOfSlug(slug)))
    .orderBy(sql`${tags.slug} = ${slug} desc`, tags.id)
    .limit(1);
  return row;
}

export async function getTagForUpdate({ db, id }: { db: Tx; id: number }): Promise<Tag | undefined> {
  const [row] = await db.select().from(tags).where(eq(tags.id, id)).for("update");
  return row;
}

/** Locked in id order, so two transactions locking the same tags cannot deadlock. */
export async function listTagsForUpdate({ db, ids }: { db: Tx; ids: number[] }): Promise<Tag[]> {
  return db.select().from(tags).where(inArray(tags.id, ids)).orderBy(tags.id).for("update");
}

export async function updateTag({ db, id, set }: { db: Tx; id: number; set: { name: string; slug: string } }): Promise<void> {
  await db.update(tags).set(set).where(eq(tags.id, id));
}

export async function deleteTagById({ db, id }: { db: Tx; id: number }): Promise<void> {
  await db.delete(tags).where(eq(tags.id, id));
}

/** Articles carrying the tag on their working copy or their live revision. */
export async function countTagArticles({ db, id }: { db: Tx; id: number }): Promise<number> {
  const [{ n }] = await queryRows<{ n: number }>(
    db,
    sql`select count(distinct article_id)::int as n from (select article_id from article_tags where tag_id = ${id}
      union select article_id from published_article_tags where tag_id = ${id}) u`,
  );
  return n;
}

/**
 * Moves every use of tag `fromId` onto `intoId`, in the working and the live tag lists: an article
 * carrying both keeps `intoId` at its place, otherwise `intoId` takes the old one's place. Returns
 * how many rows moved in each list.
 */
export async function moveTagUses({ db, fromId, intoId }: { db: Tx; fromId: number; intoId: number }): Promise<{ working: number; live: number }> {
  const moved: number[] = [];
  for (const table of [sql`article_tags`, sql`published_article_tags`]) {
    const rows = await queryRows<{ article_id: string }>(
      db,
      sql`insert into ${table} (article_id, tag_id, position)
        select article_id, ${intoId}, position from ${table} where tag_id = ${fromId}
        on conflict (article_id, tag_id) do nothing returning article_id`,
    );
    await db.execute(sql`delete from ${table} where tag_id = ${fromId}`);
    moved.push(rows.length);
  }
  return { working: moved[0], live: moved[1] };
}

/**
 * The live tags of published articles, with their current names and slugs, in the article's order.
 * A published revision keeps an immutable tag snapshot (history and diffs need it), but after a
 * tag is renamed or merged that snapshot names a slug that no longer answers. published_article_tags
 * holds the same tags by id and is what merges rewrite, so public pages read tags from here.
 */
export async function listLiveTags({ db, articleIds }: { db: Tx; articleIds: string[] }): Promise<Map<string, TagSnapshot[]>> {
  const out = new Map<string, TagSnapshot[]>(articleIds.map((id) => [id, []]));
  if (articleIds.length === 0) return out;
  const rows = await db
    .select({ articleId: publishedArticleTags.articleId, id: tags.id, name: tags.name, slug: tags.slug })
    .from(publishedArticleTags)
    .innerJoin(tags, eq(tags.id, publishedArticleTags.tagId))
    .where(inArray(publishedArticleTags.articleId, articleIds))
    .orderBy(asc(publishedArticleTags.articleId), asc(publishedArticleTags.position), asc(tags.id));
  for (const { articleId, ...tag } of rows) out.get(articleId)?.push(tag);
  return out;
}
