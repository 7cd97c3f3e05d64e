/**
 * Article field rules, shared by the editor form and the server.
 * Client-safe: no server-only imports. The body's structure is checked on the server by
 * lib/rich-text/body.ts; here only its size, so the browser can warn before sending.
 */
import { isAllowedImageSrc } from "@/components/editor/extensions";
import { slugify, tagDisplayName } from "@/lib/slug";
import { V, type ValidationKey } from "@/lib/validations/keys";
import { z } from "@/lib/validations/zod";

export const LIMITS = {
  headline: 200,
  dek: 300,
  highlights: 12,
  highlight: 280,
  tags: 30,
  tag: 50,
  slug: 80,
  bodyBytes: 2 * 1024 * 1024,
  authors: 20,
  seoTitle: 200,
  metaDescription: 400,
  socialTitle: 200,
  socialDescription: 400,
  canonicalUrl: 2048,
} as const;

/** What search engines and social networks show before cutting: counters guide towards these. */
export const SEO_GUIDANCE = { title: 60, description: 160 } as const;

export const LANGUAGE_PATTERN = /^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$/;

/** A typed tag's slug, accents and case folded ("#CybersécuritéFrançaise" → "cybersecurite-francaise"). */
export function tagKey(typed: string): string {
  return slugify(tagDisplayName(typed), 60);
}

/**
 * The identity of a tag: its slug without hyphens. The slug splits words where the case changes
 * ("#CybersécuritéFrançaise" → "cybersecurite-francaise"), so the same words typed in one case
 * ("#cybersécuritéfrançaise" → "cybersecuritefrancaise") would otherwise be a second tag.
 */
export const tagIdentityOfSlug = (slug: string): string => slug.replace(/-/g, "");
export const tagIdentity = (typed: string): string => tagIdentityOfSlug(tagKey(typed));

/** Display names without the leading #, empty ones dropped, duplicates (by tag identity) removed, first wins. */
export function normaliseTags(typed: readonly string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const raw of typed) {
    const name = tagDisplayName(raw);
    const key = tagIdentity(name);
    if (!key || seen.has(key)) continue;
    seen.add(key);
    out.push(name);
  }
  return out;
}

export const featuredImageSchema = z.object({
  src: z
    .string()
    .max(2048)
    .refine((s) => isAllowedImageSrc(s), V.imageAddress),
  alt: z.string().trim().min(1, V.altRequired).max(300, V.altMax),
  caption: z.string().trim().max(300, V.captionMax).optional(),
  credit: z.string().trim().max(200, V.creditMax).optional(),
});

/** An absolute http(s) address: anything else (javascript:, data:, relative) is no canonical URL. */
export function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === "http:" || url.protocol === "https:") && Boolean(url.hostname);
  } catch {
    return false;
  }
}

const optionalText = (max: number, message: ValidationKey) =>
  z
    .string()
    .max(max, message)
    .transform((s) => s.trim())
    .optional();

/**
 * Search and social fields. Empty texts mean "use the headline, dek or featured image"; they are
 * kept as empty strings so a save can clear a field. The social image is one of our uploads.
 */
export const seoFieldsSchema = z
  .object({
    seoTitle: optionalText(LIMITS.seoTitle, V.seoTitleMax),
    metaDescription: optionalText(LIMITS.metaDescription, V.metaDescriptionMax),
    socialTitle: optionalText(LIMITS.socialTitle, V.socialTitleMax),
    socialDescription: optionalText(LIMITS.socialDescription, V.socialDescriptionMax),
    socialImage: z
      .object({
        src: z
          .string()
          .max(2048)
          .refine((s) => s.startsWith("/uploads/") && isAllowedImageSrc(s), V.socialImageUploads),
        alt: z.string().trim().min(1, V.socialImageAlt).max(300, V.altMax),
      })
      .nullable()
      .optional(),
    canonicalUrl: z
      .string()
      .max(LIMITS.canonicalUrl, V.canonicalUrlMax)
      .transform((s) => s.trim())
      .refine((s) => s === "" || isHttpUrl(s), V.canonicalUrlHttp)
      .optional(),
  })
  .strict();

/** The fields an editor save may change; absent fields stay as they are (saves send only what changed). */
export const articleChangesSchema = z
  .object({
    headline: z.string().max(LIMITS.headline, V.headlineMax),
    dek: z.string().max(LIMITS.dek, V.dekMax),
    highlights: z.array(z.string().max(LIMITS.highlight, V.highlightMax)).max(LIMITS.highlights, V.highlightsMax),
    tags: z
      .array(z.string().max(LIMITS.tag + 1, V.tagMax))
      .max(LIMITS.tags * 2, V.tagsMax)
      .transform(normaliseTags)
      .refine((t) => t.length <= LIMITS.tags, V.tagsMax)
      .refine((t) => t.every((name) => name.length <= LIMITS.tag), V.tagMax),
    sectionId: z.number().int().positive().nullable(),
    language: z.string().trim().regex(LANGUAGE_PATTERN, V.languageCode),
    slug: z.string().max(LIMITS.slug * 2, V.slugMax),
    /** The slug follows the headline (not typed by hand): the server picks a free variant on a clash. */
    slugAuto: z.boolean(),
    body: z.unknown(),
    featuredImage: featuredImageSchema.nullable(),
    authorIds: z.array(z.uuid()).min(1, V.authorsMin).max(LIMITS.authors),
    seo: seoFieldsSchema,
  })
  .partial()
  .strict();

export type ArticleChanges = z.input<typeof articleChangesSchema>;

export const saveArticleSchema = z.object({
  id: z.uuid(),
  expectedVersion: z.number().int().positive(),
  /**
   * The editor's id for this save: the same id (with the same expectedVersion) on every retry
   * until the server gives a definite answer, so a retry of a save that committed but whose
   * answer was lost is recognised as ours instead of a conflict.
   */
  saveId: z.uuid().optional(),
  changes: articleChangesSchema,
});
export type SaveArticleInput = z.input<typeof saveArticleSchema>;

/** The save fields that have a label in the catalogue (`editor.fields.<field with _ for .>`), to name them in messages. */
export const LABELLED_FIELDS = [
  "headline",
  "dek",
  "highlights",
  "body",
  "tags",
  "sectionId",
  "language",
  "slug",
  "authorIds",
  "featuredImage",
  "seo",
  "seo.seoTitle",
  "seo.metaDescription",
  "seo.socialTitle",
  "seo.socialDescription",
  "seo.socialImage",
  "seo.canonicalUrl",
] as const;
export type LabelledField = (typeof LABELLED_FIELDS)[number];
export const isLabelledField = (field: string): field is LabelledField => (LABELLED_FIELDS as readonly string[]).includes(field);
/** The catalogue key of a field's label: `seo.canonicalUrl` → `seo_canonicalUrl` (editor.fields.*). */
export const labelKey = <F extends LabelledField>(field: F) => field.replace(".", "_") as F extends `${infer A}.${infer B}` ? `${A}_${B}` : F;

/**
 * The editor shows errors per field, not per list item: `changes.highlights.2` → `highlights`.
 * The search and social fields are one saved object but separate inputs: `changes.seo.canonicalUrl`
 * → `seo.canonicalUrl`, so the message shows at the input.
 */
export const articleFieldOf = (path: PropertyKey[]) => {
  const [field, sub] = path.filter((p) => p !== "changes");
  if (field === "seo" && typeof sub === "string") return `seo.${sub}`;
  return String(field ?? "");
};
