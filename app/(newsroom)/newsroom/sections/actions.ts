"use server";

import { getDb } from "@/db";
import { getCurrentUser } from "@/lib/auth/session";
import { expirePublicSiteFrom } from "@/lib/cache/revalidate";
import { failed, invalid, SIGNED_OUT, valuesOf, type TaxonomyFormState } from "@/lib/taxonomy/form-state";
import { createSection, deleteSection, moveSection, renameSection } from "@/lib/taxonomy/sections";
import { createSectionSchema, deleteSectionSchema, moveSectionSchema, renameSectionSchema } from "@/lib/taxonomy/validation";

export async function createSectionAction(_prev: TaxonomyFormState, form: FormData): Promise<TaxonomyFormState> {
  const actor = await getCurrentUser();
  if (!actor) return SIGNED_OUT;
  const values = valuesOf(form);
  const parsed = createSectionSchema.safeParse(values);
  if (!parsed.success) return invalid(parsed.error, values);
  const r = await createSection(await getDb(), actor, parsed.data);
  if (!r.ok) return failed(r, values);
  expirePublicSiteFrom("/newsroom/sections");
  return { ok: true, message: `Section “${r.data.name}” created at /sections/${r.data.slug}.` };
}

export async function renameSectionAction(_prev: TaxonomyFormState, form: FormData): Promise<TaxonomyFormState> {
  const actor = await getCurrentUser();
  if (!actor) return SIGNED_OUT;
  const values = valuesOf(form);
  const parsed = renameSectionSchema.safeParse(values);
  if (!parsed.success) return invalid(parsed.error, values);
  const r = await renameSection(await getDb(), actor, parsed.data);
  if (!r.ok) return failed(r, values);
  expirePublicSiteFrom("/newsroom/sections");
  return { ok: true, message: `Renamed “${r.data.name}”; its address stays /sections/${r.data.slug}.`, values };
}

export async function moveSectionAction(_prev: TaxonomyFormState, form: FormData): Promise<TaxonomyFormState> {
  const actor = await getCurrentUser();
  if (!actor) return SIGNED_OUT;
  const parsed = moveSectionSchema.safeParse(valuesOf(form));
  if (!parsed.success) return { ok: false, message: "Unknown section." };
  const r = await moveSection(await getDb(), actor, parsed.data);
  if (!r.ok) return failed(r, {});
  expirePublicSiteFrom("/newsroom/sections");
  return { ok: true, message: r.data.moved ? `Moved ${parsed.data.direction}.` : "Already at the end." };
}

export async function deleteSectionAction(_prev: TaxonomyFormState, form: FormData): Promise<TaxonomyFormState> {
  const actor = await getCurrentUser();
  if (!actor) return SIGNED_OUT;
  const parsed = deleteSectionSchema.safeParse(valuesOf(form));
  if (!parsed.success) return { ok: false, message: "Unknown section." };
  const r = await deleteSection(await getDb(), actor, parsed.data);
  if (!r.ok) return failed(r, {});
  expirePublicSiteFrom("/newsroom/sections");
  return { ok: true, message: `Section “${r.data.name}” deleted.` };
}
