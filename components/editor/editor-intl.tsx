import "server-only";

import { NextIntlClientProvider } from "next-intl";

import { newsroomLocale } from "@/lib/i18n/interface";
import { MESSAGES, type Messages } from "@/lib/i18n/messages";
import { siteTimeZone } from "@/lib/i18n/site";

/**
 * The catalogue for the editor's client components (and the workflow panel inside it): the
 * newsroom's namespaces in the interface language, times in the newsroom's time zone. The public
 * site's words stay on the server. The wrapper carries the interface language for screen readers.
 */
export async function EditorIntlProvider({ children }: { children: React.ReactNode }) {
  const locale = await newsroomLocale();
  const { public: _public, ...newsroom } = MESSAGES[locale];
  return (
    <NextIntlClientProvider locale={locale} messages={newsroom as Partial<Messages> as Messages} timeZone={await siteTimeZone()}>
      <div lang={locale}>{children}</div>
    </NextIntlClientProvider>
  );
}
