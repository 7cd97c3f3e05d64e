"use server";

import { getDb } from "@/db";
import { authedFormAction } from "@/lib/actions/authed-action";
import { fail, refused, type ActionResult } from "@/lib/actions/result";
import { expirePublicSiteFrom } from "@/lib/cache/revalidate";
import { deleteTag, mergeTagInto, mergeTags, renameTag, type MergeReport } from "@/lib/taxonomy/tags";
import { deleteTagSchema, mergeTagByIdSchema, mergeTagSchema, renameTagSchema } from "@/lib/taxonomy/validation";

/** A rename onto an existing tag is refused with that tag, so the row can offer to merge instead. */
export type MergeOffer = { id: number; name: string };

export const renameTagAction = authedFormAction(
  renameTagSchema,
  async (input, actor): Promise<ActionResult<undefined, MergeOffer>> => {
    const r = await renameTag(await getDb(), actor, input);
    if (!r.ok) return fail(r.code, r.message, r.fieldErrors, r.mergeInto);
    expirePublicSiteFrom("/newsroom/tags");
    return { ok: true, message: `Renamed #${r.data.name}; its page is now /tags/${r.data.slug}.` };
  },
  { echo: true },
);

const merged = (r: MergeReport): ActionResult => ({
  ok: true,
  message: `#${r.from.name} merged into #${r.into.name}: ${r.articles} article${r.articles === 1 ? "" : "s"} now tagged #${r.into.name} instead.`,
});

export const mergeTagAction = authedFormAction(
  mergeTagSchema,
  async (input, actor): Promise<ActionResult> => {
    const r = await mergeTagInto(await getDb(), actor, input);
    if (!r.ok) return refused(r);
    expirePublicSiteFrom("/newsroom/tags");
    return merged(r.data);
  },
  { echo: true },
);

/** The "merge instead" offered when a rename folds onto an existing tag. */
export const mergeTagByIdAction = authedFormAction(
  mergeTagByIdSchema,
  async (input, actor): Promise<ActionResult> => {
    const r = await mergeTags(await getDb(), actor, input);
    if (!r.ok) return refused(r);
    expirePublicSiteFrom("/newsroom/tags");
    return merged(r.data);
  },
  { invalidMessage: "Unknown tag." },
);

export const deleteTagAction = authedFormAction(
  deleteTagSchema,
  async (input, actor): Promise<ActionResult> => {
    const r = await deleteTag(await getDb(), actor, input);
    if (!r.ok) return refused(r);
    expirePublicSiteFrom("/newsroom/tags");
    return { ok: true, message: `Tag #${r.data.name} deleted.` };
  },
  { invalidMessage: "Unknown tag." },
);
