import "server-only";

import { z } from "zod";

import type { Db } from "@/db";
import { insertEvent } from "@/db/queries/events";
import { isPublishedArticle, listSectionSlugs } from "@/db/queries/front-page";
import { canGlobal, type PolicyUser } from "@/lib/permissions";
import { getSettings, setSetting, type FrontPageSettings } from "@/lib/settings";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The front-page form as the browser sends it: `leadArticleId` ("" for the most recent),
 * `position:<slug>` (1–99) and `hidden:<slug>` ("on") for each section.
 */
export const frontPageForm = z.record(z.string(), z.string());

export type FrontPageResult =
  { ok: true; frontPage: FrontPageSettings } | { ok: false; code: "forbidden" | "invalid"; message: string; fieldErrors?: Record<string, string[]> };

/** Editors and admins choose the lead story and the order of the section blocks; each change is in the event log. */
export async function updateFrontPage(db: Db, actor: PolicyUser | null, form: Record<string, string>): Promise<FrontPageResult> {
  const allowed = canGlobal(actor, "front:manage");
  if (!allowed.ok) return { ok: false, code: "forbidden", message: allowed.reason };
  const fieldErrors: Record<string, string[]> = {};
  const lead = (form.leadArticleId ?? "").trim();
  if (lead && (!UUID.test(lead) || !(await isPublishedArticle({ db, articleId: lead })))) {
    fieldErrors.leadArticleId = ["This article is not published any more: choose another, or the most recent."];
  }
  const known = new Set(await listSectionSlugs({ db }));
  const positions: { slug: string; position: number }[] = [];
  const hidden: string[] = [];
  for (const [name, raw] of Object.entries(form)) {
    const [kind, slug] = [name.slice(0, name.indexOf(":")), name.slice(name.indexOf(":") + 1)];
    if ((kind !== "position" && kind !== "hidden") || !known.has(slug)) continue;
    if (kind === "hidden") {
      if (raw === "on") hidden.push(slug);
      continue;
    }
    const value = raw.trim();
    const position = Number(value);
    if (!/^\d{1,2}$/.test(value) || position < 1) {
      fieldErrors[name] = ["Enter a whole number from 1 to 99."];
      continue;
    }
    positions.push({ slug, position });
  }
  if (Object.keys(fieldErrors).length) return { ok: false, code: "invalid", message: "Please correct the highlighted fields.", fieldErrors };
  // Equal numbers keep the sections' menu order between them (the form lists sections in it).
  const sectionOrder = positions
    .map((p, i) => ({ ...p, i }))
    .sort((a, b) => a.position - b.position || a.i - b.i)
    .map((p) => p.slug);
  const frontPage: FrontPageSettings = { leadArticleId: lead || null, sectionOrder, hiddenSections: hidden.sort() };
  return db.transaction(async (tx) => {
    const before = (await getSettings(tx)).frontPage;
    if (JSON.stringify(before) !== JSON.stringify(frontPage)) {
      await setSetting(tx, "frontPage", frontPage);
      await insertEvent({ db: tx, event: { type: "settings.changed", actorId: actor!.id, data: { frontPage: { from: before, to: frontPage } } } });
    }
    return { ok: true, frontPage };
  });
}

/**
 * The section blocks in the editors' order: the sections they ordered first, then the others in
 * menu order; hidden ones left out.
 */
export function orderSectionBlocks<S extends { slug: string }>(blocks: S[], settings: FrontPageSettings): S[] {
  const rank = new Map(settings.sectionOrder.map((slug, i) => [slug, i]));
  const hidden = new Set(settings.hiddenSections);
  return blocks
    .map((b, i) => ({ b, i }))
    .filter(({ b }) => !hidden.has(b.slug))
    .sort((x, y) => (rank.get(x.b.slug) ?? rank.size + x.i) - (rank.get(y.b.slug) ?? rank.size + y.i) || x.i - y.i)
    .map(({ b }) => b);
}
