"use server";

import { getTranslations } from "next-intl/server";

import { getDb } from "@/db";
import { authedFormAction } from "@/lib/actions/authed-action";
import { refused, type ActionResult } from "@/lib/actions/result";
import { expirePublicSiteFrom } from "@/lib/cache/revalidate";
import { newsroomLocale } from "@/lib/i18n/interface";
import { localizedAction } from "@/lib/i18n/localized-action";
import { createSection, deleteSection, moveSection, renameSection } from "@/lib/taxonomy/sections";
import { createSectionSchema, deleteSectionSchema, moveSectionSchema, renameSectionSchema } from "@/lib/taxonomy/validation";

const words = async () => getTranslations({ locale: await newsroomLocale(), namespace: "taxonomy.sections" });

export const createSectionAction = localizedAction(
  authedFormAction(
    createSectionSchema,
    async (input, actor): Promise<ActionResult> => {
      const r = await createSection(await getDb(), actor, input);
      if (!r.ok) return refused(r);
      expirePublicSiteFrom("/newsroom/sections");
      return { ok: true, message: (await words())("created", { name: r.data.name, slug: r.data.slug }) };
    },
    { echo: true },
  ),
);

export const renameSectionAction = localizedAction(
  authedFormAction(
    renameSectionSchema,
    async (input, actor): Promise<ActionResult> => {
      const r = await renameSection(await getDb(), actor, input);
      if (!r.ok) return refused(r);
      expirePublicSiteFrom("/newsroom/sections");
      return { ok: true, message: (await words())("renamed", { name: r.data.name, slug: r.data.slug }) };
    },
    { echo: true },
  ),
);

export const moveSectionAction = localizedAction(
  authedFormAction(
    moveSectionSchema,
    async (input, actor): Promise<ActionResult> => {
      const r = await moveSection(await getDb(), actor, input);
      if (!r.ok) return refused(r);
      expirePublicSiteFrom("/newsroom/sections");
      return { ok: true, message: (await words())(r.data.moved ? (input.direction === "up" ? "movedUp" : "movedDown") : "atEnd") };
    },
    { invalidMessage: "Unknown section." },
  ),
);

export const deleteSectionAction = localizedAction(
  authedFormAction(
    deleteSectionSchema,
    async (input, actor): Promise<ActionResult> => {
      const r = await deleteSection(await getDb(), actor, input);
      if (!r.ok) return refused(r);
      expirePublicSiteFrom("/newsroom/sections");
      return { ok: true, message: (await words())("deleted", { name: r.data.name }) };
    },
    { invalidMessage: "Unknown section." },
  ),
);
