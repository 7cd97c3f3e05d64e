"use server";

import { getDb } from "@/db";
import { getCurrentUser } from "@/lib/auth/session";
import { expirePublicSiteFrom } from "@/lib/cache/revalidate";
import { failed, invalid, SIGNED_OUT, valuesOf, type TaxonomyFormState } from "@/lib/taxonomy/form-state";
import { deleteTag, mergeTagInto, mergeTags, renameTag, type MergeReport } from "@/lib/taxonomy/tags";
import { deleteTagSchema, mergeTagByIdSchema, mergeTagSchema, renameTagSchema } from "@/lib/taxonomy/validation";

export async function renameTagAction(_prev: TaxonomyFormState, form: FormData): Promise<TaxonomyFormState> {
  const actor = await getCurrentUser();
  if (!actor) return SIGNED_OUT;
  const values = valuesOf(form);
  const parsed = renameTagSchema.safeParse(values);
  if (!parsed.success) return invalid(parsed.error, values);
  const r = await renameTag(await getDb(), actor, parsed.data);
  if (!r.ok) return failed(r, values);
  expirePublicSiteFrom("/newsroom/tags");
  return { ok: true, message: `Renamed #${r.data.name}; its page is now /tags/${r.data.slug}.` };
}

const merged = (r: MergeReport): TaxonomyFormState => ({
  ok: true,
  message: `#${r.from.name} merged into #${r.into.name}: ${r.articles} article${r.articles === 1 ? "" : "s"} now tagged #${r.into.name} instead.`,
});

export async function mergeTagAction(_prev: TaxonomyFormState, form: FormData): Promise<TaxonomyFormState> {
  const actor = await getCurrentUser();
  if (!actor) return SIGNED_OUT;
  const values = valuesOf(form);
  const parsed = mergeTagSchema.safeParse(values);
  if (!parsed.success) return invalid(parsed.error, values);
  const r = await mergeTagInto(await getDb(), actor, parsed.data);
  if (!r.ok) return failed(r, values);
  expirePublicSiteFrom("/newsroom/tags");
  return merged(r.data);
}

/** The "merge instead" offered when a rename folds onto an existing tag. */
export async function mergeTagByIdAction(_prev: TaxonomyFormState, form: FormData): Promise<TaxonomyFormState> {
  const actor = await getCurrentUser();
  if (!actor) return SIGNED_OUT;
  const parsed = mergeTagByIdSchema.safeParse(valuesOf(form));
  if (!parsed.success) return { ok: false, message: "Unknown tag." };
  const r = await mergeTags(await getDb(), actor, parsed.data);
  if (!r.ok) return failed(r, {});
  expirePublicSiteFrom("/newsroom/tags");
  return merged(r.data);
}

export async function deleteTagAction(_prev: TaxonomyFormState, form: FormData): Promise<TaxonomyFormState> {
  const actor = await getCurrentUser();
  if (!actor) return SIGNED_OUT;
  const parsed = deleteTagSchema.safeParse(valuesOf(form));
  if (!parsed.success) return { ok: false, message: "Unknown tag." };
  const r = await deleteTag(await getDb(), actor, parsed.data);
  if (!r.ok) return failed(r, {});
  expirePublicSiteFrom("/newsroom/tags");
  return { ok: true, message: `Tag #${r.data.name} deleted.` };
}
