import { createTranslator } from "next-intl";

import type { FieldErrors } from "@/lib/actions/result";

import { MESSAGES, type AppLocale } from "./messages";

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
const PATTERNS: Pattern[] = (Object.entries(MESSAGES.en.errors.server) as [ServerKey, string][])
  .map(([key, text]) => compile(key, text))
  .sort((a, b) => a.args.length - b.args.length || b.re.source.length - a.re.source.length);

const translators = Object.fromEntries(
  (Object.keys(MESSAGES) as AppLocale[]).map((locale) => [locale, createTranslator({ locale, messages: MESSAGES[locale], namespace: "errors.server" })]),
) as Record<AppLocale, ReturnType<typeof createTranslator<(typeof MESSAGES)["en"], "errors.server">>>;

/** One English sentence of the domain layer in `locale` (unchanged when the catalogue lacks it). */
export function translateServerMessage(text: string, locale: AppLocale): string {
  if (locale === "en") return text;
  for (const p of PATTERNS) {
    const m = p.re.exec(text);
    if (!m) continue;
    const values = Object.fromEntries(p.args.map((name, i) => [name, m[i + 1]]));
    return (translators[locale] as unknown as (key: string, values?: Record<string, string>) => string)(p.key, values);
  }
  return text;
}

/** A result's message and field errors in `locale`; everything else untouched. */
export function localizeResult<R extends { message?: string; fieldErrors?: FieldErrors }>(result: R, locale: AppLocale): R {
  if (locale === "en") return result;
  const out = { ...result };
  if (typeof out.message === "string") out.message = translateServerMessage(out.message, locale);
  if (out.fieldErrors)
    out.fieldErrors = Object.fromEntries(Object.entries(out.fieldErrors).map(([field, list]) => [field, list.map((m) => translateServerMessage(m, locale))]));
  return out;
}
