import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { connection } from "next/server";

import { getDb } from "@/db";
import { interfaceLocale } from "@/lib/i18n/interface";
import { translateServerMessage } from "@/lib/i18n/server-messages";
import { inspectToken } from "@/lib/users/tokens";

import { SetPasswordForm } from "./set-password-form";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations({ locale: await interfaceLocale(), namespace: "setPassword" });
  return { title: t("title"), robots: { index: false }, referrer: "no-referrer" };
}

export default async function SetPasswordPage({ searchParams }: { searchParams: Promise<{ token?: string }> }) {
  await connection();
  const { token = "" } = await searchParams;
  const check = await inspectToken(await getDb(), token);
  // Not signed in yet: the browser's language (Accept-Language), else the site's.
  const locale = await interfaceLocale();
  const t = await getTranslations({ locale, namespace: "setPassword" });
  return (
    <main id="main" lang={locale} className="mx-auto max-w-sm px-4 py-16">
      <h1 className="mb-6 font-serif text-3xl font-bold">{t("heading")}</h1>
      {check.ok ? (
        <>
          <p className="mb-4">{t.rich("forAccount", { name: check.name, email: check.email, strong: (chunks) => <strong>{chunks}</strong> })}</p>
          <SetPasswordForm
            token={token}
            email={check.email}
            text={{ newPassword: t("newPassword"), submit: t("submit"), passwordHint: t("passwordHint"), confirm: t("confirm") }}
          />
        </>
      ) : (
        <>
          <p role="alert">{translateServerMessage(check.message, locale)}</p>
          <p className="mt-6">
            <Link prefetch={false} href="/login" className="underline">
              {t("goToSignIn")}
            </Link>
          </p>
        </>
      )}
    </main>
  );
}
