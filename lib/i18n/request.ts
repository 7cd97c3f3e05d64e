import { getRequestConfig } from "next-intl/server";
import { cookies } from "next/headers";

import { interfaceLocale } from "./interface";
import { isAppLocale, MESSAGES, type Messages } from "./messages";
import { PSEUDO_COOKIE, PSEUDO_FORMAT_LOCALE, pseudoCatalogue, pseudoLocaleEnabled } from "./pseudo";
import { siteTimeZone } from "./site";

let pseudoMessages: Messages | undefined;

/**
 * The pseudo locale (lib/i18n/pseudo.ts), for the e2e "no string left behind" check only: a server
 * started with E2E_TEST_HOOKS=1 serves it to a browser carrying its cookie, whatever language a
 * page asks for.
 */
export async function pseudoLocaleRequested(): Promise<boolean> {
  return pseudoLocaleEnabled() && (await cookies()).get(PSEUDO_COOKIE)?.value === "1";
}

/**
 * next-intl without locale routing: the language is not in the URL. Pages that know theirs pass
 * it (`getTranslations({ locale, namespace })`); otherwise it is the interface language of the
 * request (lib/i18n/interface.ts).
 */
export default getRequestConfig(async ({ locale }) => {
  const timeZone = await siteTimeZone();
  if (await pseudoLocaleRequested()) {
    pseudoMessages ??= pseudoCatalogue(MESSAGES.en);
    return { locale: PSEUDO_FORMAT_LOCALE, messages: pseudoMessages, timeZone };
  }
  const resolved = isAppLocale(locale) ? locale : await interfaceLocale();
  return { locale: resolved, messages: MESSAGES[resolved], timeZone };
});
