/**
 * The catalogues: one folder of ICU message files per language (messages/fr/, messages/en/), a
 * file per namespace (the first part of a key: `editor.headline` is in editor.json), the same keys
 * in both languages (lib/i18n/messages.test.ts fails otherwise, and so does tsc: the French
 * catalogue must have the English one's shape). English is the reference for the types: a key
 * used in code that is not in the catalogue does not compile (global.d.ts).
 */
import { cache } from "react";

import en_articles from "@/messages/en/articles.json";
import en_comments from "@/messages/en/comments.json";
import en_common from "@/messages/en/common.json";
import en_dashboard from "@/messages/en/dashboard.json";
import en_editor from "@/messages/en/editor.json";
import en_emails from "@/messages/en/emails.json";
import en_errors from "@/messages/en/errors.json";
import en_frontPage from "@/messages/en/frontPage.json";
import en_log from "@/messages/en/log.json";
import en_login from "@/messages/en/login.json";
import en_newsroom from "@/messages/en/newsroom.json";
import en_notifications from "@/messages/en/notifications.json";
import en_preferences from "@/messages/en/preferences.json";
import en_profile from "@/messages/en/profile.json";
import en_public from "@/messages/en/public.json";
import en_setPassword from "@/messages/en/setPassword.json";
import en_settings from "@/messages/en/settings.json";
import en_setup from "@/messages/en/setup.json";
import en_suggestions from "@/messages/en/suggestions.json";
import en_taxonomy from "@/messages/en/taxonomy.json";
import en_timeline from "@/messages/en/timeline.json";
import en_users from "@/messages/en/users.json";
import en_validation from "@/messages/en/validation.json";
import en_workflow from "@/messages/en/workflow.json";
import fr_articles from "@/messages/fr/articles.json";
import fr_comments from "@/messages/fr/comments.json";
import fr_common from "@/messages/fr/common.json";
import fr_dashboard from "@/messages/fr/dashboard.json";
import fr_editor from "@/messages/fr/editor.json";
import fr_emails from "@/messages/fr/emails.json";
import fr_errors from "@/messages/fr/errors.json";
import fr_frontPage from "@/messages/fr/frontPage.json";
import fr_log from "@/messages/fr/log.json";
import fr_login from "@/messages/fr/login.json";
import fr_newsroom from "@/messages/fr/newsroom.json";
import fr_notifications from "@/messages/fr/notifications.json";
import fr_preferences from "@/messages/fr/preferences.json";
import fr_profile from "@/messages/fr/profile.json";
import fr_public from "@/messages/fr/public.json";
import fr_setPassword from "@/messages/fr/setPassword.json";
import fr_settings from "@/messages/fr/settings.json";
import fr_setup from "@/messages/fr/setup.json";
import fr_suggestions from "@/messages/fr/suggestions.json";
import fr_taxonomy from "@/messages/fr/taxonomy.json";
import fr_timeline from "@/messages/fr/timeline.json";
import fr_users from "@/messages/fr/users.json";
import fr_validation from "@/messages/fr/validation.json";
import fr_workflow from "@/messages/fr/workflow.json";

const en = {
  public: en_public,
  newsroom: en_newsroom,
  preferences: en_preferences,
  login: en_login,
  setPassword: en_setPassword,
  common: en_common,
  editor: en_editor,
  articles: en_articles,
  validation: en_validation,
  workflow: en_workflow,
  timeline: en_timeline,
  notifications: en_notifications,
  emails: en_emails,
  dashboard: en_dashboard,
  users: en_users,
  profile: en_profile,
  settings: en_settings,
  taxonomy: en_taxonomy,
  log: en_log,
  frontPage: en_frontPage,
  setup: en_setup,
  errors: en_errors,
  comments: en_comments,
  suggestions: en_suggestions,
};
const fr = {
  public: fr_public,
  newsroom: fr_newsroom,
  preferences: fr_preferences,
  login: fr_login,
  setPassword: fr_setPassword,
  common: fr_common,
  editor: fr_editor,
  articles: fr_articles,
  validation: fr_validation,
  workflow: fr_workflow,
  timeline: fr_timeline,
  notifications: fr_notifications,
  emails: fr_emails,
  dashboard: fr_dashboard,
  users: fr_users,
  profile: fr_profile,
  settings: fr_settings,
  taxonomy: fr_taxonomy,
  log: fr_log,
  frontPage: fr_frontPage,
  setup: fr_setup,
  errors: fr_errors,
  comments: fr_comments,
  suggestions: fr_suggestions,
};

export const LOCALES = ["fr", "en"] as const;
export type AppLocale = (typeof LOCALES)[number];
export type Messages = typeof en;

/**
 * Per request (React's cache): the catalogue every language is read from instead of its own — the
 * pseudo locale of the e2e "no string left behind" check (lib/i18n/pseudo.ts), set by
 * `pseudoLocaleRequested()` (lib/i18n/interface.ts) only on a test server. Null otherwise, and
 * always outside a server render.
 */
export const messagesOverride = cache((): { messages: Messages | null } => ({ messages: null }));

const CATALOGUES = { fr, en };

export const MESSAGES: Record<AppLocale, Messages> = {
  get fr() {
    return messagesOverride().messages ?? CATALOGUES.fr;
  },
  get en() {
    return messagesOverride().messages ?? CATALOGUES.en;
  },
};

/** The catalogues themselves, whatever the request (tests, the pseudo locale's source). */
export const CATALOGUE_FILES: Record<AppLocale, Messages> = CATALOGUES;

export function isAppLocale(value: unknown): value is AppLocale {
  return LOCALES.includes(value as AppLocale);
}

/** "fr-CA" → fr; a language the interface does not speak → null. */
export function appLocaleOf(tag: string | null | undefined): AppLocale | null {
  const base = (tag ?? "").toLowerCase().split(/[-_]/)[0];
  return isAppLocale(base) ? base : null;
}

/**
 * The interface language a browser asks for (Accept-Language, by quality), or null when it
 * asks for none the interface speaks.
 */
export function localeFromAcceptLanguage(header: string | null | undefined): AppLocale | null {
  const wanted = (header ?? "")
    .split(",")
    .map((part, i) => {
      const [tag, ...params] = part.trim().split(";");
      const q = Number(
        params
          .find((p) => p.trim().startsWith("q="))
          ?.trim()
          .slice(2) ?? "1",
      );
      return { locale: appLocaleOf(tag), q: Number.isFinite(q) ? q : 0, i };
    })
    .filter((w) => w.locale && w.q > 0)
    .sort((a, b) => b.q - a.q || a.i - b.i);
  return wanted[0]?.locale ?? null;
}

/** Each language by its own name, as language menus show it. */
export const LOCALE_NAMES: Record<AppLocale, string> = { fr: "Français", en: "English" };
