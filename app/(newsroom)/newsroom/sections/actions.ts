"use server";

import { getDb } from "@/db";
import { authedFormAction } from "@/lib/actions/authed-action";
import { refused, type ActionResult } from "@/lib/actions/result";
import { expirePublicSiteFrom } from "@/lib/cache/revalidate";
import { createSection, deleteSection, moveSection, renameSection } from "@/lib/taxonomy/sections";
import { createSectionSchema, deleteSectionSchema, moveSectionSchema, renameSectionSchema } from "@/lib/taxonomy/validation";

export const createSectionAction = authedFormAction(
  createSectionSchema,
  async (input, actor): Promise<ActionResult> => {
    const r = await createSection(await getDb(), actor, input);
    if (!r.ok) return refused(r);
    expirePublicSiteFrom("/newsroom/sections");
    return { ok: true, message: `Section “${r.data.name}” created at /sections/${r.data.slug}.` };
  },
  { echo: true },
);

export const renameSectionAction = authedFormAction(
  renameSectionSchema,
  async (input, actor): Promise<ActionResult> => {
    const r = await renameSection(await getDb(), actor, input);
    if (!r.ok) return refused(r);
    expirePublicSiteFrom("/newsroom/sections");
    return { ok: true, message: `Renamed “${r.data.name}”; its address stays /sections/${r.data.slug}.` };
  },
  { echo: true },
);

export const moveSectionAction = authedFormAction(
  moveSectionSchema,
  async (input, actor): Promise<ActionResult> => {
    const r = await moveSection(await getDb(), actor, input);
    if (!r.ok) return refused(r);
    expirePublicSiteFrom("/newsroom/sections");
    return { ok: true, message: r.data.moved ? `Moved ${input.direction}.` : "Already at the end." };
  },
  { invalidMessage: "Unknown section." },
);

export const deleteSectionAction = authedFormAction(
  deleteSectionSchema,
  async (input, actor): Promise<ActionResult> => {
    const r = await deleteSection(await getDb(), actor, input);
    if (!r.ok) return refused(r);
    expirePublicSiteFrom("/newsroom/sections");
    return { ok: true, message: `Section “${r.data.name}” deleted.` };
  },
  { invalidMessage: "Unknown section." },
);
