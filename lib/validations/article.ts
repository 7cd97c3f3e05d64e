/**
 * Article field rules, shared by the editor form and the server.
 * Client-safe: no server-only imports. The body's structure is checked on the server by
 * lib/rich-text/body.ts; here only its size, so the browser can warn before sending.
 */
import { isAllowedImageSrc } from "@/components/editor/extensions";
import { slugify, tagDisplayName } from "@/lib/slug";
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

/** The identity of a tag: its slug, accents and case folded ("#CybersécuritéFrançaise" ≡ "cybersécurité française"). */
export function tagKey(typed: string): string {
  return slugify(tagDisplayName(typed), 60);
}

/** Display names without the leading #, empty ones dropped, duplicates (by folded slug) removed, first wins. */
export function normaliseTags(typed: readonly string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const raw of typed) {
    const name = tagDisplayName(raw);
    const key = tagKey(name);
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
    .refine((s) => isAllowedImageSrc(s), "This image address is not allowed."),
  alt: z.string().trim().min(1, "Alt text is required.").max(300, "Alt text is at most 300 characters."),
  caption: z.string().trim().max(300, "The caption is at most 300 characters.").optional(),
  credit: z.string().trim().max(200, "The credit is at most 200 characters.").optional(),
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

const optionalText = (max: number, label: string) =>
  z
    .string()
    .max(max, `The ${label} is at most ${max} characters.`)
    .transform((s) => s.trim())
    .optional();

/**
 * Search and social fields. Empty texts mean "use the headline, dek or featured image"; they are
 * kept as empty strings so a save can clear a field. The social image is one of our uploads.
 */
export const seoFieldsSchema = z
  .object({
    seoTitle: optionalText(LIMITS.seoTitle, "SEO title"),
    metaDescription: optionalText(LIMITS.metaDescription, "meta description"),
    socialTitle: optionalText(LIMITS.socialTitle, "social title"),
    socialDescription: optionalText(LIMITS.socialDescription, "social description"),
    socialImage: z
      .object({
        src: z
          .string()
          .max(2048)
          .refine((s) => s.startsWith("/uploads/") && isAllowedImageSrc(s), "Choose the social image from the uploads."),
        alt: z.string().trim().min(1, "The social image needs alt text.").max(300, "Alt text is at most 300 characters."),
      })
      .nullable()
      .optional(),
    canonicalUrl: z
      .string()
      .max(LIMITS.canonicalUrl, `The canonical URL is at most ${LIMITS.canonicalUrl} characters.`)
      .transform((s) => s.trim())
      .refine((s) => s === "" || isHttpUrl(s), "The canonical URL must be an http:// or https:// address.")
      .optional(),
  })
  .strict();

/** The fields an editor save may change; absent fields stay as they are (saves send only what changed). */
export const articleChangesSchema = z
  .object({
    headline: z.string().max(LIMITS.headline, `The headline is at most ${LIMITS.headline} characters.`),
    dek: z.string().max(LIMITS.dek, `The dek is at most ${LIMITS.dek} characters.`),
    highlights: z
      .array(z.string().max(LIMITS.highlight, `Each key point is at most ${LIMITS.highlight} characters.`))
      .max(LIMITS.highlights, `At most ${LIMITS.highlights} key points.`),
    tags: z
      .array(z.string().max(LIMITS.tag + 1, `Each tag is at most ${LIMITS.tag} characters.`))
      .max(LIMITS.tags * 2, `At most ${LIMITS.tags} tags.`)
      .transform(normaliseTags)
      .refine((t) => t.length <= LIMITS.tags, `At most ${LIMITS.tags} tags.`)
      .refine((t) => t.every((name) => name.length <= LIMITS.tag), `Each tag is at most ${LIMITS.tag} characters.`),
    sectionId: z.number().int().positive().nullable(),
    language: z.string().trim().regex(LANGUAGE_PATTERN, "Use a language code such as fr or en."),
    slug: z.string().max(LIMITS.slug * 2, `The slug is at most ${LIMITS.slug} characters.`),
    /** The slug follows the headline (not typed by hand): the server picks a free variant on a clash. */
    slugAuto: z.boolean(),
    body: z.unknown(),
    featuredImage: featuredImageSchema.nullable(),
    authorIds: z.array(z.uuid()).min(1, "An article needs at least one author.").max(LIMITS.authors),
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

/** Form labels of the save fields, to name them in messages. */
export const FIELD_LABELS: Record<string, string> = {
  headline: "Headline",
  dek: "Dek",
  highlights: "Highlights",
  body: "Body",
  tags: "Tags",
  sectionId: "Section",
  language: "Language",
  slug: "Slug",
  authorIds: "Authors",
  featuredImage: "Featured image",
  seo: "Search and social",
  "seo.seoTitle": "SEO title",
  "seo.metaDescription": "Meta description",
  "seo.socialTitle": "Social title",
  "seo.socialDescription": "Social description",
  "seo.socialImage": "Social image",
  "seo.canonicalUrl": "Canonical URL",
};

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
