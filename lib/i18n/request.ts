import { getRequestConfig } from "next-intl/server";

import { interfaceLocale, pseudoLocaleRequested } from "./interface";
import { isAppLocale, MESSAGES } from "./messages";
import { siteTimeZone } from "./site";

/**
 * next-intl without locale routing: the language is not in the URL. Pages that know theirs pass
 * it (`getTranslations({ locale, namespace })`); otherwise it is the interface language of the
 * request (lib/i18n/interface.ts). On a test server, the pseudo locale's catalogue replaces both
 * (`pseudoLocaleRequested`).
 */
export default getRequestConfig(async ({ locale }) => {
  await pseudoLocaleRequested();
  const resolved = isAppLocale(locale) ? locale : await interfaceLocale();
  return { locale: resolved, messages: MESSAGES[resolved], timeZone: await siteTimeZone() };
});
