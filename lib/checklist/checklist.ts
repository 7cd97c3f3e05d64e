import "server-only";

import { isDeepStrictEqual } from "node:util";

import type { Db, Tx } from "@/db";
import { listContributorIds } from "@/db/queries/article-people";
import {
  deleteArticleChecklistTicks,
  deleteChecklistItem as deleteChecklistItemRow,
  deleteChecklistTick,
  getChecklistItemById,
  insertChecklistItem,
  insertChecklistTick,
  listArticleChecklistTicks,
  listChecklistItems,
  listChecklistItemsForUpdate,
  updateChecklistItem as updateChecklistItemRow,
} from "@/db/queries/checklist";
import { insertEvent } from "@/db/queries/events";
import { denied } from "@/lib/actions/result";
import { loadArticle } from "@/lib/articles/access";
import { canGlobal, canTickChecklist, type PolicyUser } from "@/lib/permissions";
import { withoutNul } from "@/lib/security/text";
import { getSettings } from "@/lib/settings";

/** What the checklist's domain functions return: never throws for expected refusals. */
export type ChecklistResult<T = undefined> = { ok: true; data: T } | { ok: false; code: string; message: string; fieldErrors?: Record<string, string[]> };

const refuse = (code: string, message: string) => ({ ok: false as const, code, message });
const GONE = "This checklist item no longer exists.";

/** New items go last. */
export async function createChecklistItem(db: Db, actor: PolicyUser, input: { label: string; required: boolean }): Promise<ChecklistResult<{ id: number }>> {
  const allowed = canGlobal(actor, "settings:manage");
  if (!allowed.ok) return denied(allowed);
  return db.transaction(async (tx) => {
    // PostgreSQL refuses NUL in text: dropped, as everywhere else people type.
    const row = await insertChecklistItem({ db: tx, label: withoutNul(input.label), required: input.required });
    await insertEvent({
      db: tx,
      event: { type: "checklist.item_created", actorId: actor.id, data: { itemId: row.id, label: row.label, required: row.required } },
    });
    return { ok: true as const, data: { id: row.id } };
  });
}

/** A new label or requirement; ticks already given stay (the item is the same check, reworded). */
export async function updateChecklistItem(db: Db, actor: PolicyUser, input: { id: number; label: string; required: boolean }): Promise<ChecklistResult> {
  const allowed = canGlobal(actor, "settings:manage");
  if (!allowed.ok) return denied(allowed);
  input = { ...input, label: withoutNul(input.label) };
  return db.transaction(async (tx) => {
    const current = await getChecklistItemById({ db: tx, id: input.id });
    if (!current) return refuse("not_found", GONE);
    if (current.label === input.label && current.required === input.required) return { ok: true as const, data: undefined };
    await updateChecklistItemRow({ db: tx, id: input.id, set: { label: input.label, required: input.required } });
    await insertEvent({
      db: tx,
      event: {
        type: "checklist.item_updated",
        actorId: actor.id,
        data: { itemId: input.id, from: { label: current.label, required: current.required }, to: { label: input.label, required: input.required } },
      },
    });
    return { ok: true as const, data: undefined };
  });
}

/**
 * Swaps an item with its neighbour. Positions are rewritten 0..n-1 under a lock on every row, so
 * equal positions and two admins reordering at once stay sound.
 */
export async function moveChecklistItem(
  db: Db,
  actor: PolicyUser,
  input: { id: number; direction: "up" | "down" },
): Promise<ChecklistResult<{ moved: boolean }>> {
  const allowed = canGlobal(actor, "settings:manage");
  if (!allowed.ok) return denied(allowed);
  return db.transaction(async (tx) => {
    const rows = await listChecklistItemsForUpdate({ db: tx });
    const at = rows.findIndex((r) => r.id === input.id);
    if (at < 0) return refuse("not_found", GONE);
    const to = input.direction === "up" ? at - 1 : at + 1;
    if (to < 0 || to >= rows.length) return { ok: true as const, data: { moved: false } };
    const order = rows.map((r) => r.id);
    [order[at], order[to]] = [order[to], order[at]];
    for (const [position, id] of order.entries()) {
      if (rows.find((r) => r.id === id)!.position !== position) await updateChecklistItemRow({ db: tx, id, set: { position } });
    }
    return { ok: true as const, data: { moved: true } };
  });
}

/** The item and its ticks on every article go; an article it held back may then be approved. */
export async function deleteChecklistItem(db: Db, actor: PolicyUser, input: { id: number }): Promise<ChecklistResult<{ label: string }>> {
  const allowed = canGlobal(actor, "settings:manage");
  if (!allowed.ok) return denied(allowed);
  return db.transaction(async (tx) => {
    const row = await deleteChecklistItemRow({ db: tx, id: input.id });
    if (!row) return refuse("not_found", GONE);
    await insertEvent({ db: tx, event: { type: "checklist.item_deleted", actorId: actor.id, data: { itemId: row.id, label: row.label } } });
    return { ok: true as const, data: { label: row.label } };
  });
}

/**
 * Ticks or unticks one item on one article, with who and when on the timeline. Only an editor
 * the two-person rule does not bar (lib/permissions.ts canTickChecklist). Ticking twice, or
 * unticking what is not ticked, changes nothing and records nothing.
 */
export async function setChecklistTick(
  db: Db,
  actor: PolicyUser,
  input: { articleId: string; itemId: number; ticked: boolean },
): Promise<ChecklistResult<{ changed: boolean }>> {
  return db.transaction(async (tx) => {
    const loaded = await loadArticle({ db: tx, id: input.articleId });
    if (!loaded) return refuse("not_found", "This article does not exist.");
    const settings = await getSettings(tx);
    const contributorIds = await listContributorIds({ db: tx, articleId: input.articleId });
    const may = canTickChecklist(actor, { ...loaded.policy, contributorIds }, settings.twoPersonRule);
    if (!may.ok) return denied(may);
    const item = await getChecklistItemById({ db: tx, id: input.itemId });
    if (!item) return refuse("not_found", GONE);
    const changed = input.ticked
      ? await insertChecklistTick({ db: tx, articleId: input.articleId, itemId: item.id, tickedById: actor.id, articleVersion: loaded.article.version })
      : await deleteChecklistTick({ db: tx, articleId: input.articleId, itemId: item.id });
    if (changed) {
      await insertEvent({
        db: tx,
        event: {
          type: input.ticked ? "article.checklist_ticked" : "article.checklist_unticked",
          actorId: actor.id,
          articleId: input.articleId,
          data: { itemId: item.id, label: item.label, version: loaded.article.version },
        },
      });
    }
    return { ok: true as const, data: { changed } };
  });
}

/** Plain data, as stored: no undefined properties. */
const asData = (value: unknown): unknown => JSON.parse(JSON.stringify(value ?? null));

/**
 * The ticks vouch for the headline and body as they were: when a save changes either, they are
 * all cleared (one timeline event). Called inside the save's transaction with the values before
 * and after; body documents are compared as data (jsonb does not keep key order).
 */
export async function clearChecklistOnChange(
  tx: Tx,
  actorId: string,
  articleId: string,
  before: { headline: string; body: unknown },
  after: { headline?: string; body?: unknown; version: number },
): Promise<void> {
  const headlineChanged = after.headline !== undefined && after.headline !== before.headline;
  const bodyChanged = after.body !== undefined && !isDeepStrictEqual(asData(after.body), asData(before.body));
  if (!headlineChanged && !bodyChanged) return;
  const cleared = await deleteArticleChecklistTicks({ db: tx, articleId });
  if (!cleared.length) return;
  await insertEvent({
    db: tx,
    event: {
      type: "article.checklist_cleared",
      actorId,
      articleId,
      data: { itemIds: cleared, version: after.version, headline: headlineChanged, body: bodyChanged },
    },
  });
}

export type ArticleChecklist = {
  items: { id: number; label: string; required: boolean; tick: { byName: string | null; at: Date } | null }[];
  facts: { requiredItemIds: number[]; tickedItemIds: number[] };
};

/** The checklist as the article sidebar shows it: every item in order, with its tick on this article. */
export async function loadArticleChecklist(db: Tx, articleId: string): Promise<ArticleChecklist> {
  const [items, ticks] = await Promise.all([listChecklistItems({ db }), listArticleChecklistTicks({ db, articleId })]);
  const tickOf = new Map(ticks.map((t) => [t.itemId, t]));
  return {
    items: items.map((i) => {
      const t = tickOf.get(i.id);
      return { id: i.id, label: i.label, required: i.required, tick: t ? { byName: t.tickedByName, at: t.tickedAt } : null };
    }),
    facts: { requiredItemIds: items.filter((i) => i.required).map((i) => i.id), tickedItemIds: ticks.map((t) => t.itemId) },
  };
}
