import type { Metadata } from "next";
import { NextIntlClientProvider } from "next-intl";
import { getTranslations } from "next-intl/server";

import { NewsroomHeader } from "@/components/newsroom/newsroom-header";
import { requireUser } from "@/lib/auth/session";
import { newsroomLocale } from "@/lib/i18n/interface";
import { MESSAGES } from "@/lib/i18n/messages";
import { siteTimeZone } from "@/lib/i18n/site";

import { signOutAction } from "./sign-out";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations({ locale: await newsroomLocale(), namespace: "newsroom" });
  return { title: { default: t("header.home"), template: t("titleTemplate") }, robots: { index: false } };
}

export default async function NewsroomLayout({ children }: { children: React.ReactNode }) {
  // The role gate: re-reads the user from the database on every request (deactivation is immediate).
  const user = await requireUser("/newsroom");
  const locale = await newsroomLocale();
  // Client components of the newsroom read the catalogue (useTranslations, useFormatter) in the
  // newsroom's language, dates in the newsroom's time zone.
  return (
    <NextIntlClientProvider locale={locale} messages={MESSAGES[locale]} timeZone={await siteTimeZone()}>
      <div lang={locale}>
        <NewsroomHeader user={user} signOut={signOutAction} locale={locale} />
        <main id="main" className="mx-auto max-w-7xl px-4 py-6">
          {children}
        </main>
      </div>
    </NextIntlClientProvider>
  );
}
