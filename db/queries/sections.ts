import "server-only";

import { asc, eq, sql } from "drizzle-orm";

import { queryRows, type Tx } from "@/db";
import { sections, type Section } from "@/db/schema";

export type SectionRow = { id: number; name: string; slug: string; position: number; articles: number };

/**
 * An article "uses" a section when its working copy or its live revision is filed there: the
 * public section page lists live revisions, the editor shows the working copy.
 */
const usage = sql`(select count(*)::int from articles a
  left join article_revisions r on r.id = a.published_revision_id
  where a.section_id = s.id or r.section_id = s.id)`;

export async function listSectionsWithUsage({ db }: { db: Tx }): Promise<SectionRow[]> {
  return queryRows<SectionRow>(db, sql`select s.id, s.name, s.slug, s.position, ${usage} as articles from sections s order by s.position, s.name, s.id`);
}

export async function countSectionUsage({ db, id }: { db: Tx; id: number }): Promise<number> {
  const [row] = await queryRows<{ n: number }>(db, sql`select ${usage} as n from sections s where s.id = ${id}`);
  return row?.n ?? 0;
}

/** True when another section has this slug or this name (case folded). */
export async function hasSectionClash({ db, name, slug, exceptId }: { db: Tx; name: string; slug: string; exceptId?: number }): Promise<boolean> {
  const rows = await queryRows<{ id: number }>(
    db,
    sql`select id from sections where (slug = ${slug} or lower(name) = lower(${name})) and id <> ${exceptId ?? -1} limit 1`,
  );
  return rows.length > 0;
}

/** Inserted after the last section. */
export async function insertSection({ db, name, slug }: { db: Tx; name: string; slug: string }): Promise<Section> {
  const [{ next }] = await queryRows<{ next: number }>(db, sql`select coalesce(max(position) + 1, 0)::int as next from sections`);
  const [row] = await db.insert(sections).values({ name, slug, position: next }).returning();
  return row;
}

export async function getSectionForUpdate({ db, id }: { db: Tx; id: number }): Promise<Section | undefined> {
  const [row] = await db.select().from(sections).where(eq(sections.id, id)).for("update");
  return row;
}

/** Every section in display order, locked. */
export async function listSectionPositionsForUpdate({ db }: { db: Tx }) {
  return db
    .select({ id: sections.id, position: sections.position })
    .from(sections)
    .orderBy(asc(sections.position), asc(sections.name), asc(sections.id))
    .for("update");
}

export async function updateSection({ db, id, set }: { db: Tx; id: number; set: { name?: string; position?: number } }): Promise<void> {
  await db.update(sections).set(set).where(eq(sections.id, id));
}

export async function deleteSectionById({ db, id }: { db: Tx; id: number }): Promise<void> {
  await db.delete(sections).where(eq(sections.id, id));
}

/** The sections an article can be filed in, in their order. */
export async function listSectionChoices({ db }: { db: Tx }): Promise<{ id: number; name: string }[]> {
  return db.select({ id: sections.id, name: sections.name }).from(sections).orderBy(asc(sections.position), asc(sections.name));
}

export async function sectionExists({ db, id }: { db: Tx; id: number }): Promise<boolean> {
  const found = await db.select({ id: sections.id }).from(sections).where(eq(sections.id, id));
  return found.length > 0;
}
