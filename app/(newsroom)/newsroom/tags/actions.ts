"use server";

import { getTranslations } from "next-intl/server";

import { getDb } from "@/db";
import { authedFormAction } from "@/lib/actions/authed-action";
import { fail, refused, type ActionResult } from "@/lib/actions/result";
import { expirePublicSiteFrom } from "@/lib/cache/revalidate";
import { newsroomLocale } from "@/lib/i18n/interface";
import { localizedAction } from "@/lib/i18n/localized-action";
import { deleteTag, mergeTagInto, mergeTags, renameTag, type MergeReport } from "@/lib/taxonomy/tags";
import { deleteTagSchema, mergeTagByIdSchema, mergeTagSchema, renameTagSchema } from "@/lib/taxonomy/validation";

/** A rename onto an existing tag is refused with that tag, so the row can offer to merge instead. */
export type MergeOffer = { id: number; name: string };

const words = async () => getTranslations({ locale: await newsroomLocale(), namespace: "taxonomy.tags" });

export const renameTagAction = localizedAction(
  authedFormAction(
    renameTagSchema,
    async (input, actor): Promise<ActionResult<undefined, MergeOffer>> => {
      const r = await renameTag(await getDb(), actor, input);
      if (!r.ok) return fail(r.code, r.message, r.fieldErrors, r.mergeInto);
      expirePublicSiteFrom("/newsroom/tags");
      return { ok: true, message: (await words())("renamed", { name: r.data.name, slug: r.data.slug }) };
    },
    { echo: true },
  ),
);

const merged = async (r: MergeReport): Promise<ActionResult> => ({
  ok: true,
  message: (await words())("merged", { from: r.from.name, into: r.into.name, articles: r.articles }),
});

export const mergeTagAction = localizedAction(
  authedFormAction(
    mergeTagSchema,
    async (input, actor): Promise<ActionResult> => {
      const r = await mergeTagInto(await getDb(), actor, input);
      if (!r.ok) return refused(r);
      expirePublicSiteFrom("/newsroom/tags");
      return merged(r.data);
    },
    { echo: true },
  ),
);

/** The "merge instead" offered when a rename folds onto an existing tag. */
export const mergeTagByIdAction = localizedAction(
  authedFormAction(
    mergeTagByIdSchema,
    async (input, actor): Promise<ActionResult> => {
      const r = await mergeTags(await getDb(), actor, input);
      if (!r.ok) return refused(r);
      expirePublicSiteFrom("/newsroom/tags");
      return merged(r.data);
    },
    { invalidMessage: "Unknown tag." },
  ),
);

export const deleteTagAction = localizedAction(
  authedFormAction(
    deleteTagSchema,
    async (input, actor): Promise<ActionResult> => {
      const r = await deleteTag(await getDb(), actor, input);
      if (!r.ok) return refused(r);
      expirePublicSiteFrom("/newsroom/tags");
      return { ok: true, message: (await words())("deleted", { name: r.data.name }) };
    },
    { invalidMessage: "Unknown tag." },
  ),
);
