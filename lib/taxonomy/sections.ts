import "server-only";

import type { Db } from "@/db";
import { insertEvent } from "@/db/queries/events";
import {
  countSectionUsage,
  deleteSectionById,
  getSectionForUpdate,
  hasSectionClash,
  insertSection,
  listSectionPositionsForUpdate,
  updateSection,
} from "@/db/queries/sections";
import { denied } from "@/lib/actions/result";
import { canGlobal, type PolicyUser } from "@/lib/permissions";
import { slugify } from "@/lib/slug";

import { isUniqueViolation, refuse, type Result } from "./result";
import { SECTION_NAME_MAX } from "./validation";

const DUPLICATE = "A section with this name already exists.";

function slugFor(name: string): Result<string> {
  const slug = slugify(name, SECTION_NAME_MAX);
  return slug ? { ok: true, data: slug } : refuse("invalid", "Please correct the highlighted fields.", { name: ["Use at least one letter or digit."] });
}

/** New sections go last; the slug is made once, from the name, and stays (see renameSection). */
export async function createSection(db: Db, actor: PolicyUser, input: { name: string }): Promise<Result<{ id: number; name: string; slug: string }>> {
  const allowed = canGlobal(actor, "sections:manage");
  if (!allowed.ok) return denied(allowed);
  const slug = slugFor(input.name);
  if (!slug.ok) return slug;
  try {
    return await db.transaction(async (tx) => {
      if (await hasSectionClash({ db: tx, name: input.name, slug: slug.data }))
        return refuse("duplicate", "Please correct the highlighted fields.", { name: [DUPLICATE] });
      const row = await insertSection({ db: tx, name: input.name, slug: slug.data });
      await insertEvent({ db: tx, event: { type: "section.created", actorId: actor.id, data: { sectionId: row.id, name: row.name, slug: row.slug } } });
      return { ok: true as const, data: { id: row.id, name: row.name, slug: row.slug } };
    });
  } catch (error) {
    if (isUniqueViolation(error)) return refuse("duplicate", "Please correct the highlighted fields.", { name: [DUPLICATE] });
    throw error;
  }
}

/**
 * Renaming keeps the slug: /sections/<slug> is a public URL (links, bookmarks, search engines)
 * and sections have no redirect table. The new name must still not fold onto another section.
 */
export async function renameSection(db: Db, actor: PolicyUser, input: { id: number; name: string }): Promise<Result<{ name: string; slug: string }>> {
  const allowed = canGlobal(actor, "sections:manage");
  if (!allowed.ok) return denied(allowed);
  const slug = slugFor(input.name);
  if (!slug.ok) return slug;
  return db.transaction(async (tx) => {
    const current = await getSectionForUpdate({ db: tx, id: input.id });
    if (!current) return refuse("not_found", "This section no longer exists.");
    if (await hasSectionClash({ db: tx, name: input.name, slug: slug.data, exceptId: input.id }))
      return refuse("duplicate", "Please correct the highlighted fields.", { name: [DUPLICATE] });
    if (current.name === input.name) return { ok: true as const, data: { name: current.name, slug: current.slug } };
    await updateSection({ db: tx, id: input.id, set: { name: input.name } });
    await insertEvent({
      db: tx,
      event: {
        type: "section.renamed",
        actorId: actor.id,
        data: { sectionId: current.id, from: current.name, to: input.name, slug: current.slug },
      },
    });
    return { ok: true as const, data: { name: input.name, slug: current.slug } };
  });
}

/**
 * Swaps a section with its neighbour. Positions are rewritten 0..n-1 under a lock on every row,
 * so equal positions (the column defaults to 0) and two editors reordering at once stay sound.
 */
export async function moveSection(db: Db, actor: PolicyUser, input: { id: number; direction: "up" | "down" }): Promise<Result<{ moved: boolean }>> {
  const allowed = canGlobal(actor, "sections:manage");
  if (!allowed.ok) return denied(allowed);
  return db.transaction(async (tx) => {
    const rows = await listSectionPositionsForUpdate({ db: tx });
    const at = rows.findIndex((r) => r.id === input.id);
    if (at < 0) return refuse("not_found", "This section no longer exists.");
    const to = input.direction === "up" ? at - 1 : at + 1;
    if (to < 0 || to >= rows.length) return { ok: true as const, data: { moved: false } };
    [rows[at], rows[to]] = [rows[to], rows[at]];
    for (const [position, r] of rows.entries()) {
      if (r.position !== position) await updateSection({ db: tx, id: r.id, set: { position } });
    }
    await insertEvent({ db: tx, event: { type: "section.moved", actorId: actor.id, data: { sectionId: input.id, direction: input.direction, position: to } } });
    return { ok: true as const, data: { moved: true } };
  });
}

/** Refused while any article (working copy or live revision) is filed in the section. */
export async function deleteSection(db: Db, actor: PolicyUser, input: { id: number }): Promise<Result<{ name: string; slug: string }>> {
  const allowed = canGlobal(actor, "sections:manage");
  if (!allowed.ok) return denied(allowed);
  return db.transaction(async (tx) => {
    const current = await getSectionForUpdate({ db: tx, id: input.id });
    if (!current) return refuse("not_found", "This section no longer exists.");
    const n = await countSectionUsage({ db: tx, id: input.id });
    if (n > 0) {
      return refuse("in_use", `“${current.name}” is used by ${n} article${n === 1 ? "" : "s"}: move ${n === 1 ? "it" : "them"} to another section first.`);
    }
    await deleteSectionById({ db: tx, id: input.id });
    await insertEvent({
      db: tx,
      event: { type: "section.deleted", actorId: actor.id, data: { sectionId: current.id, name: current.name, slug: current.slug } },
    });
    return { ok: true as const, data: { name: current.name, slug: current.slug } };
  });
}
