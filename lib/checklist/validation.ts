import { z } from "@/lib/validations/zod";

export const CHECKLIST_LABEL_MAX = 200;

const label = z
  .string()
  .transform((s) => s.trim().replace(/\s+/g, " "))
  .pipe(z.string().min(1, "Enter a label.").max(CHECKLIST_LABEL_MAX, `At most ${CHECKLIST_LABEL_MAX} characters.`));

// A checkbox sends "on" when ticked and nothing otherwise; typed callers send a boolean.
const checkbox = z
  .union([z.boolean(), z.literal("on"), z.literal("true"), z.literal("false")])
  .optional()
  .transform((v) => v === true || v === "on" || v === "true");

const id = z.coerce.number().int().positive();

export const createChecklistItemSchema = z.object({ label, required: checkbox });
export const updateChecklistItemSchema = z.object({ id, label, required: checkbox });
export const moveChecklistItemSchema = z.object({ id, direction: z.enum(["up", "down"]) });
export const deleteChecklistItemSchema = z.object({ id });
export const tickChecklistItemSchema = z.object({ articleId: z.uuid(), itemId: id, ticked: z.boolean() });
