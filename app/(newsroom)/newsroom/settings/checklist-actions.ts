"use server";

import { revalidatePath } from "next/cache";

import { getDb } from "@/db";
import { authedFormAction } from "@/lib/actions/authed-action";
import { refused, type ActionResult } from "@/lib/actions/result";
import { createChecklistItem, deleteChecklistItem, moveChecklistItem, updateChecklistItem } from "@/lib/checklist/checklist";
import { createChecklistItemSchema, deleteChecklistItemSchema, moveChecklistItemSchema, updateChecklistItemSchema } from "@/lib/checklist/validation";

// Article pages show the checklist and its gate: they are re-rendered with the settings.
const refresh = () => revalidatePath("/newsroom", "layout");

export const createChecklistItemAction = authedFormAction(
  createChecklistItemSchema,
  async (input, actor): Promise<ActionResult> => {
    const r = await createChecklistItem(await getDb(), actor, input);
    if (!r.ok) return refused(r);
    refresh();
    return { ok: true, message: `Checklist item “${input.label}” added.` };
  },
  { echo: true },
);

export const updateChecklistItemAction = authedFormAction(
  updateChecklistItemSchema,
  async (input, actor): Promise<ActionResult> => {
    const r = await updateChecklistItem(await getDb(), actor, input);
    if (!r.ok) return refused(r);
    refresh();
    return { ok: true, message: `Checklist item “${input.label}” saved.` };
  },
  { echo: true },
);

export const moveChecklistItemAction = authedFormAction(
  moveChecklistItemSchema,
  async (input, actor): Promise<ActionResult> => {
    const r = await moveChecklistItem(await getDb(), actor, input);
    if (!r.ok) return refused(r);
    refresh();
    return { ok: true, message: r.data.moved ? `Moved ${input.direction}.` : "Already at the end." };
  },
  { invalidMessage: "Unknown checklist item." },
);

export const deleteChecklistItemAction = authedFormAction(
  deleteChecklistItemSchema,
  async (input, actor): Promise<ActionResult> => {
    const r = await deleteChecklistItem(await getDb(), actor, input);
    if (!r.ok) return refused(r);
    refresh();
    return { ok: true, message: `Checklist item “${r.data.label}” deleted.` };
  },
  { invalidMessage: "Unknown checklist item." },
);
