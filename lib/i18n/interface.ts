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
 * The language the newsroom pages are shown in: the user's choice, else the site language (spec
 * §14; French in the demo). The same as `interfaceLocale()`, kept under this name for the
 * newsroom's pages, which always have a signed-in user.
 */
export const newsroomLocale = interfaceLocale;
