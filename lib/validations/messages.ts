/**
 * Validation message keys (lib/validations/keys.ts) → sentences in the interface language. Pure
 * (next-intl's createTranslator over the catalogues): usable in server actions, in the browser
 * and in tests. The domain's own sentences (the body check in lib/rich-text/body.ts and the save
 * rules in lib/articles/editing.ts, which also answer the API and imports in English) are
 * recognised and translated too; any other message passes through unchanged.
 */
import { createTranslator } from "use-intl/core";

import type { FieldErrors } from "@/lib/actions/result";
import { MESSAGES, type AppLocale, type Messages } from "@/lib/i18n/messages";
import { STORAGE_DOWN, TOO_MANY_PIXELS } from "@/lib/images/limits";

import { LIMITS } from "./article";
import { isValidationKey, type ValidationKey } from "./keys";

/** The numbers each message names (the same limits the schema enforces). */
const PARAMS: Partial<Record<ValidationKey, Record<string, number>>> = {
  "article.altMax": { max: 300 },
  "article.captionMax": { max: 300 },
  "article.creditMax": { max: 200 },
  "article.seoTitleMax": { max: LIMITS.seoTitle },
  "article.metaDescriptionMax": { max: LIMITS.metaDescription },
  "article.socialTitleMax": { max: LIMITS.socialTitle },
  "article.socialDescriptionMax": { max: LIMITS.socialDescription },
  "article.canonicalUrlMax": { max: LIMITS.canonicalUrl },
  "article.headlineMax": { max: LIMITS.headline },
  "article.dekMax": { max: LIMITS.dek },
  "article.highlightMax": { max: LIMITS.highlight },
  "article.highlightsMax": { max: LIMITS.highlights },
  "article.tagMax": { max: LIMITS.tag },
  "article.tagsMax": { max: LIMITS.tags },
  "article.slugMax": { max: LIMITS.slug },
};

type DomainKey = `domain.${keyof Messages["validation"]["domain"] & string}`;

/** The English sentences of the domain checks, by their key in the catalogue. */
const DOMAIN_SENTENCES: Record<string, DomainKey> = {
  "The body is nested too deeply (lists or quotes inside each other).": "domain.bodyTooDeep",
  "Links must start with http://, https:// or mailto:.": "domain.bodyLinks",
  "Headings can only be of levels 2 to 4.": "domain.bodyHeadings",
  "An image has an address that is not allowed.": "domain.bodyImageAddress",
  "Every image needs alt text.": "domain.bodyImageAlt",
  "The body is larger than 2 MB.": "domain.bodyTooLarge",
  "The body could not be read.": "domain.bodyUnreadable",
  "The body is not a document.": "domain.bodyNotDocument",
  "This section does not exist.": "domain.sectionMissing",
  "The slug cannot change after the first publication.": "domain.slugLocked",
  "The slug needs at least one letter or digit.": "domain.slugEmpty",
  "Another article already uses this slug.": "domain.slugTaken",
  // lib/images/upload.ts (a profile photo's refusal reaches its field as a sentence).
  "Choose an image file.": "domain.imageEmpty",
  "The image is larger than 10 MB.": "domain.imageTooLarge",
  "This file is not a JPEG, PNG or WebP image.": "domain.imageFormat",
  [TOO_MANY_PIXELS]: "domain.imageTooManyPixels",
  "The image could not be read; it may be damaged.": "domain.imageDamaged",
  [STORAGE_DOWN]: "domain.imageStorage",
  // lib/webhooks (the endpoint form).
  "Enter the URL that receives the events.": "domain.webhookUrlMissing",
  "Enter a full URL, like https://example.org/hooks/newsroom.": "domain.webhookUrlInvalid",
  "The URL must start with https:// (or http://).": "domain.webhookUrlScheme",
  "Put no user name or password in the URL: each request is signed instead.": "domain.webhookUrlCredentials",
  "At most 2,000 characters.": "domain.webhookUrlTooLong",
  "Choose at least one event.": "domain.webhookEvents",
};

/** The domain's sentences that name a value, with the names of what they capture. */
const DOMAIN_PATTERNS: [RegExp, DomainKey, string[]][] = [
  [/^(.+) is a private, loopback or link-local address: webhooks only go to public addresses\.$/s, "domain.webhookPrivateHost", ["host"]],
  [
    /^(.+) resolves to (.+), a private, loopback or link-local address: webhooks only go to public addresses\.$/s,
    "domain.webhookPrivateResolved",
    ["host", "address"],
  ],
  [/^(.+) could not be resolved: check the host name\.$/s, "domain.webhookUnresolved", ["host"]],
];
const NOT_ALLOWED = /^The body contains content that is not allowed \((.*)\)\.$/s;

export function validationTranslator(locale: AppLocale) {
  const t = createTranslator({ locale, messages: MESSAGES[locale], namespace: "validation" });
  return (message: string): string => {
    if (isValidationKey(message)) return t(message, PARAMS[message] ?? {});
    const domain = DOMAIN_SENTENCES[message];
    if (domain) return t(domain);
    const notAllowed = NOT_ALLOWED.exec(message);
    if (notAllowed) return t("domain.bodyNotAllowed", { detail: notAllowed[1] });
    for (const [pattern, key, names] of DOMAIN_PATTERNS) {
      const m = pattern.exec(message);
      if (m) return t(key, Object.fromEntries(names.map((name, i) => [name, m[i + 1]])));
    }
    return message;
  };
}

/** Every message of `{ field: [messages] }` in the interface language. */
export function translateFieldErrors(errors: FieldErrors, locale: AppLocale): FieldErrors {
  const tr = validationTranslator(locale);
  return Object.fromEntries(Object.entries(errors).map(([field, messages]) => [field, messages.map(tr)]));
}
