import "server-only";

import { cookies, headers } from "next/headers";
import { cache } from "react";

import { getDb } from "@/db";
import { getCurrentUser } from "@/lib/auth/session";
import { preferencesOf } from "@/lib/preferences/preferences";

import { CATALOGUE_FILES, localeFromAcceptLanguage, messagesOverride, type AppLocale, type Messages } from "./messages";
import { PSEUDO_COOKIE, pseudoCatalogue, pseudoLocaleEnabled } from "./pseudo";
import { siteLanguage } from "./site";

let pseudoMessages: Messages | undefined;

/**
 * Whether this request is shown in the pseudo locale (lib/i18n/pseudo.ts), for the e2e "no string
 * left behind" check only: a server started with E2E_TEST_HOOKS=1, a browser with the cookie. Then
 * every catalogue read in this request (MESSAGES.fr, MESSAGES.en) gives the pseudo one.
 */
export const pseudoLocaleRequested = cache(async (): Promise<boolean> => {
  if (!pseudoLocaleEnabled()) return false;
  let on: boolean;
  try {
    on = (await cookies()).get(PSEUDO_COOKIE)?.value === "1";
  } catch {
    return false; // outside a request (scheduler, mail queue): no browser, no pseudo locale
  }
  if (on) messagesOverride().messages = pseudoMessages ??= pseudoCatalogue(CATALOGUE_FILES.en);
  return on;
});

/**
 * The newsroom's language for this request: the user's own choice (Interface language on the
 * profile), else the site language. Signed out (sign-in, set-password), the browser's
 * Accept-Language, else the site language.
 */
export const interfaceLocale = cache(async (): Promise<AppLocale> => {
  // The pseudo locale is English transformed: dates and numbers in English.
  if (await pseudoLocaleRequested()) return "en";
  const user = await getCurrentUser();
  if (user) return (await preferencesOf(await getDb(), user.id)).interfaceLanguage ?? (await siteLanguage());
  return localeFromAcceptLanguage((await headers()).get("accept-language")) ?? (await siteLanguage());
});

/**
 * The language the newsroom pages are shown in: the user's choice, else the site language (spec
 * §14; French in the demo). The same as `interfaceLocale()`, kept under this name for the
 * newsroom's pages, which always have a signed-in user.
 */
export const newsroomLocale = interfaceLocale;
