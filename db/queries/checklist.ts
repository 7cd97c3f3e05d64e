import "server-only";

import { and, asc, eq, sql } from "drizzle-orm";

import { queryRows, type Tx } from "@/db";
import { articleChecklistTicks, checklistItems, users, type ChecklistItem } from "@/db/schema";

/** The checklist in display order. */
export async function listChecklistItems({ db }: { db: Tx }): Promise<ChecklistItem[]> {
  return db.select().from(checklistItems).orderBy(asc(checklistItems.position), asc(checklistItems.id));
}

/** The same, locked: reordering rewrites every position. */
export async function listChecklistItemsForUpdate({ db }: { db: Tx }): Promise<ChecklistItem[]> {
  return db.select().from(checklistItems).orderBy(asc(checklistItems.position), asc(checklistItems.id)).for("update");
}

export async function getChecklistItemById({ db, id }: { db: Tx; id: number }): Promise<ChecklistItem | undefined> {
  const [row] = await db.select().from(checklistItems).where(eq(checklistItems.id, id));
  return row;
}

/** Inserted after the last item. */
export async function insertChecklistItem({ db, label, required }: { db: Tx; label: string; required: boolean }): Promise<ChecklistItem> {
  const [{ next }] = await queryRows<{ next: number }>(db, sql`select coalesce(max(position) + 1, 0)::int as next from checklist_items`);
  const [row] = await db.insert(checklistItems).values({ label, required, position: next }).returning();
  return row;
}

export async function updateChecklistItem({
  db,
  id,
  set,
}: {
  db: Tx;
  id: number;
  set: { label?: string; required?: boolean; position?: number };
}): Promise<void> {
  await db.update(checklistItems).set(set).where(eq(checklistItems.id, id));
}

/** Its ticks go with it (on delete cascade). */
export async function deleteChecklistItem({ db, id }: { db: Tx; id: number }): Promise<ChecklistItem | undefined> {
  const [row] = await db.delete(checklistItems).where(eq(checklistItems.id, id)).returning();
  return row;
}

export type ChecklistTickRow = { itemId: number; tickedById: string | null; tickedByName: string | null; tickedAt: Date; articleVersion: number };

export async function listArticleChecklistTicks({ db, articleId }: { db: Tx; articleId: string }): Promise<ChecklistTickRow[]> {
  return db
    .select({
      itemId: articleChecklistTicks.itemId,
      tickedById: articleChecklistTicks.tickedById,
      tickedByName: users.name,
      tickedAt: articleChecklistTicks.tickedAt,
      articleVersion: articleChecklistTicks.articleVersion,
    })
    .from(articleChecklistTicks)
    .leftJoin(users, eq(users.id, articleChecklistTicks.tickedById))
    .where(eq(articleChecklistTicks.articleId, articleId));
}

/** The state machine's facts: the required items, and the items ticked on this article. */
export async function getChecklistFacts({ db, articleId }: { db: Tx; articleId: string }): Promise<{ requiredItemIds: number[]; tickedItemIds: number[] }> {
  const [required, ticked] = await Promise.all([
    db.select({ id: checklistItems.id }).from(checklistItems).where(eq(checklistItems.required, true)),
    db.select({ id: articleChecklistTicks.itemId }).from(articleChecklistTicks).where(eq(articleChecklistTicks.articleId, articleId)),
  ]);
  return { requiredItemIds: required.map((r) => r.id), tickedItemIds: ticked.map((r) => r.id) };
}

/** False when the item was already ticked (nothing changes). */
export async function insertChecklistTick({
  db,
  articleId,
  itemId,
  tickedById,
  articleVersion,
}: {
  db: Tx;
  articleId: string;
  itemId: number;
  tickedById: string;
  articleVersion: number;
}): Promise<boolean> {
  const rows = await db
    .insert(articleChecklistTicks)
    .values({ articleId, itemId, tickedById, articleVersion })
    .onConflictDoNothing()
    .returning({ itemId: articleChecklistTicks.itemId });
  return rows.length > 0;
}

/** False when the item was not ticked. */
export async function deleteChecklistTick({ db, articleId, itemId }: { db: Tx; articleId: string; itemId: number }): Promise<boolean> {
  const rows = await db
    .delete(articleChecklistTicks)
    .where(and(eq(articleChecklistTicks.articleId, articleId), eq(articleChecklistTicks.itemId, itemId)))
    .returning({ itemId: articleChecklistTicks.itemId });
  return rows.length > 0;
}

/** Every tick of the article; returns the items that were ticked. */
export async function deleteArticleChecklistTicks({ db, articleId }: { db: Tx; articleId: string }): Promise<number[]> {
  const rows = await db.delete(articleChecklistTicks).where(eq(articleChecklistTicks.articleId, articleId)).returning({ itemId: articleChecklistTicks.itemId });
  return rows.map((r) => r.itemId);
}
