"use server";

import { getTranslations } from "next-intl/server";
import { revalidatePath } from "next/cache";

import { getDb } from "@/db";
import { authedFormAction } from "@/lib/actions/authed-action";
import { refused, type ActionResult } from "@/lib/actions/result";
import { createChecklistItem, deleteChecklistItem, moveChecklistItem, updateChecklistItem } from "@/lib/checklist/checklist";
import { createChecklistItemSchema, deleteChecklistItemSchema, moveChecklistItemSchema, updateChecklistItemSchema } from "@/lib/checklist/validation";
import { newsroomLocale } from "@/lib/i18n/interface";
import { localizedAction } from "@/lib/i18n/localized-action";

// Article pages show the checklist and its gate: they are re-rendered with the settings.
const refresh = () => revalidatePath("/newsroom", "layout");

const words = async () => getTranslations({ locale: await newsroomLocale(), namespace: "settings.checklist" });

export const createChecklistItemAction = localizedAction(
  authedFormAction(
    createChecklistItemSchema,
    async (input, actor): Promise<ActionResult> => {
      const r = await createChecklistItem(await getDb(), actor, input);
      if (!r.ok) return refused(r);
      refresh();
      return { ok: true, message: (await words())("added", { label: input.label }) };
    },
    { echo: true },
  ),
);

export const updateChecklistItemAction = localizedAction(
  authedFormAction(
    updateChecklistItemSchema,
    async (input, actor): Promise<ActionResult> => {
      const r = await updateChecklistItem(await getDb(), actor, input);
      if (!r.ok) return refused(r);
      refresh();
      return { ok: true, message: (await words())("saved", { label: input.label }) };
    },
    { echo: true },
  ),
);

export const moveChecklistItemAction = localizedAction(
  authedFormAction(
    moveChecklistItemSchema,
    async (input, actor): Promise<ActionResult> => {
      const r = await moveChecklistItem(await getDb(), actor, input);
      if (!r.ok) return refused(r);
      refresh();
      return { ok: true, message: (await words())(r.data.moved ? (input.direction === "up" ? "movedUp" : "movedDown") : "atEnd") };
    },
    { invalidMessage: "Unknown checklist item." },
  ),
);

export const deleteChecklistItemAction = localizedAction(
  authedFormAction(
    deleteChecklistItemSchema,
    async (input, actor): Promise<ActionResult> => {
      const r = await deleteChecklistItem(await getDb(), actor, input);
      if (!r.ok) return refused(r);
      refresh();
      return { ok: true, message: (await words())("deleted", { label: r.data.label }) };
    },
    { invalidMessage: "Unknown checklist item." },
  ),
);
