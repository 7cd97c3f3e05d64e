import { createTranslator } from "use-intl/core";

import type { FieldErrors } from "@/lib/actions/result";
import { validationTranslator } from "@/lib/validations/messages";

import { CATALOGUE_FILES, MESSAGES, messagesOverride, type AppLocale } from "./messages";

/*
 * The domain layer (lib/users, lib/taxonomy, lib/settings-admin, lib/profiles, zod schemas…)
 * answers in English, and its tests say so. The English sentences are the keys of the catalogue's
 * `errors.server` group: a result on its way to a form is given back in the reader's language by
 * finding its English sentence there (placeholders such as {max} or {name} match any text and are
 * passed on), then reading the same key in that language. A sentence that is not in the catalogue
 * stays as it is.
 */

type ServerKey = keyof (typeof MESSAGES)["en"]["errors"]["server"];
type Pattern = { key: ServerKey; re: RegExp; args: string[] };

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** An English-written whole number ("2,000", "120"). */
const ENGLISH_NUMBER = /^\d{1,3}(?:,\d{3})*$|^\d+$/;

/**
 * A captured value in `locale`: the number a `{max}` names is written the language's way
 * ("2,000" becomes "2 000" in French, with its narrow no-break space); names stay as they are.
 */
function localValue(name: string, value: string, locale: AppLocale): string {
  if (name !== "max" || !ENGLISH_NUMBER.test(value)) return value;
  return new Intl.NumberFormat(locale).format(Number(value.replaceAll(",", "")));
}

function compile(key: ServerKey, text: string): Pattern {
  const args: string[] = [];
  const source = text
    .split(/\{(\w+)\}/)
    .map((part, i) => {
      if (i % 2 === 0) return escape(part);
      args.push(part);
      return "(.+?)";
    })
    .join("");
  return { key, re: new RegExp(`^${source}$`, "s"), args };
}

// Exact sentences first (most of them), then those with placeholders, longest first.
const PATTERNS: Pattern[] = (Object.entries(CATALOGUE_FILES.en.errors.server) as [ServerKey, string][])
  .map(([key, text]) => compile(key, text))
  .sort((a, b) => a.args.length - b.args.length || b.re.source.length - a.re.source.length);

/**
 * English needs no work, unless this request reads another catalogue in its place (the test-only
 * pseudo locale of e2e/i18n-pseudo.spec.ts, which is how an English sentence left untranslated is caught).
 */
const asIs = (locale: AppLocale) => locale === "en" && messagesOverride().messages === null;

/** One English sentence of the domain layer in `locale` (unchanged when neither catalogue has it). */
export function translateServerMessage(text: string, locale: AppLocale): string {
  if (asIs(locale)) return text;
  for (const p of PATTERNS) {
    const m = p.re.exec(text);
    if (!m) continue;
    const values = Object.fromEntries(p.args.map((name, i) => [name, localValue(name, m[i + 1], locale)]));
    const t = createTranslator({ locale, messages: MESSAGES[locale], namespace: "errors.server" });
    return (t as unknown as (key: string, values?: Record<string, string>) => string)(p.key, values);
  }
  // The domain checks' own sentences (body, images, webhook addresses: lib/validations/messages.ts).
  return validationTranslator(locale)(text);
}

/** A result's message and field errors in `locale`; everything else untouched. */
export function localizeResult<R extends { message?: string; fieldErrors?: FieldErrors }>(result: R, locale: AppLocale): R {
  if (asIs(locale)) return result;
  const out = { ...result };
  if (typeof out.message === "string") out.message = translateServerMessage(out.message, locale);
  if (out.fieldErrors)
    out.fieldErrors = Object.fromEntries(Object.entries(out.fieldErrors).map(([field, list]) => [field, list.map((m) => translateServerMessage(m, locale))]));
  return out;
}
