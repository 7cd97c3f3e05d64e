import "server-only";

import { headers } from "next/headers";
import { cache } from "react";

import { getDb } from "@/db";
import { getCurrentUser } from "@/lib/auth/session";
import { preferencesOf } from "@/lib/preferences/preferences";

import { localeFromAcceptLanguage, type AppLocale } from "./messages";
import { siteLanguage } from "./site";

/**
 * The newsroom's language for this request: the user's own choice (Interface language on the
 * profile), else the site language. Signed out (sign-in, set-password), the browser's
 * Accept-Language, else the site language.
 */
export const interfaceLocale = cache(async (): Promise<AppLocale> => {
  const user = await getCurrentUser();
  if (user) return (await preferencesOf(await getDb(), user.id)).interfaceLanguage ?? (await siteLanguage());
  return localeFromAcceptLanguage((await headers()).get("accept-language")) ?? (await siteLanguage());
});

/**
 * The language the newsroom pages are shown in. Interim, while most newsroom pages are still
 * written in English (README, Languages): a user's explicit choice applies; without one the
 * newsroom stays English rather than mixing languages on one page. When every page reads the
 * catalogue this becomes `interfaceLocale()`, the site language being the default.
 */
export const newsroomLocale = cache(async (): Promise<AppLocale> => {
  const user = await getCurrentUser();
  return (user && (await preferencesOf(await getDb(), user.id)).interfaceLanguage) || "en";
});
