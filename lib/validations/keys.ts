/**
 * zod messages in shared (browser and server) code are catalogue keys of the `validation`
 * namespace, not sentences: the action or the field translates them into the interface language
 * (lib/validations/messages.ts). Typed against the English catalogue, so a missing key does not compile.
 */
import type { Messages } from "@/lib/i18n/messages";

type ArticleKey = `article.${keyof Messages["validation"]["article"] & string}`;

export const V = {
  imageAddress: "article.imageAddress",
  altRequired: "article.altRequired",
  altMax: "article.altMax",
  captionMax: "article.captionMax",
  creditMax: "article.creditMax",
  seoTitleMax: "article.seoTitleMax",
  metaDescriptionMax: "article.metaDescriptionMax",
  socialTitleMax: "article.socialTitleMax",
  socialDescriptionMax: "article.socialDescriptionMax",
  socialImageUploads: "article.socialImageUploads",
  socialImageAlt: "article.socialImageAlt",
  canonicalUrlMax: "article.canonicalUrlMax",
  canonicalUrlHttp: "article.canonicalUrlHttp",
  headlineMax: "article.headlineMax",
  dekMax: "article.dekMax",
  highlightMax: "article.highlightMax",
  highlightsMax: "article.highlightsMax",
  tagMax: "article.tagMax",
  tagsMax: "article.tagsMax",
  languageCode: "article.languageCode",
  slugMax: "article.slugMax",
  authorsMin: "article.authorsMin",
} as const satisfies Record<string, ArticleKey>;

export type ValidationKey = (typeof V)[keyof typeof V];

const KEYS = new Set<string>(Object.values(V));
export const isValidationKey = (message: string): message is ValidationKey => KEYS.has(message);
