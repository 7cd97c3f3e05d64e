import { tagDisplayName } from "@/lib/slug";
import { z } from "@/lib/validations/zod";

export const SECTION_NAME_MAX = 60;
/** Tags are limited to 50 characters. */
export const TAG_NAME_MAX = 50;
export const TAGS_PAGE_SIZE = 50;

const name = (max: number) =>
  z
    .string()
    .transform((s) => s.trim().replace(/\s+/g, " "))
    .pipe(z.string().min(1, "Enter a name.").max(max, `At most ${max} characters.`));

const id = z.coerce.number().int().positive();

export const createSectionSchema = z.object({ name: name(SECTION_NAME_MAX) });
export const renameSectionSchema = z.object({ id, name: name(SECTION_NAME_MAX) });
export const moveSectionSchema = z.object({ id, direction: z.enum(["up", "down"]) });
export const deleteSectionSchema = z.object({ id });

// A tag is typed "#Chine" in the editor: the same display-name rule applies here.
const tagName = z
  .string()
  .transform(tagDisplayName)
  .pipe(z.string().min(1, "Enter a name.").max(TAG_NAME_MAX, `At most ${TAG_NAME_MAX} characters.`));

export const renameTagSchema = z.object({ id, name: tagName });
export const mergeTagSchema = z.object({ id, into: z.string().trim().min(1, "Enter the tag to merge into.").max(200, "Enter the tag to merge into.") });
export const mergeTagByIdSchema = z.object({ id, intoId: id });
export const deleteTagSchema = z.object({ id });
