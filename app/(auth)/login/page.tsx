import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { redirect } from "next/navigation";

import { getDb } from "@/db";
import { oidcName } from "@/lib/auth/oidc";
import { safeNext } from "@/lib/auth/safe-next";
import { getCurrentUser } from "@/lib/auth/session";
import { interfaceLocale } from "@/lib/i18n/interface";
import { firstRunOpen } from "@/lib/users/first-run";

import { oidcLoginAction } from "./actions";
import { LoginForm } from "./login-form";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations({ locale: await interfaceLocale(), namespace: "login" });
  return { title: t("title") };
}

// Auth.js sends people back here with ?error=… when a single sign-on attempt is refused.
const NOTICES = {
  set: "noticeSet",
  setup: "noticeSetup",
  everywhere: "noticeEverywhere",
  AccessDenied: "noticeAccessDenied",
  Configuration: "noticeConfiguration",
} as const;

type Props = { searchParams: Promise<{ next?: string; password?: string; setup?: string; error?: string; "signed-out"?: string }> };

export default async function LoginPage({ searchParams }: Props) {
  const { next, password, setup, error, "signed-out": signedOut } = await searchParams;
  if (await getCurrentUser()) redirect(safeNext(next));
  const sso = oidcName();
  // Signed out: the browser's language (Accept-Language), else the site's.
  const locale = await interfaceLocale();
  const t = await getTranslations({ locale, namespace: "login" });
  const notice =
    password === "set"
      ? t(NOTICES.set)
      : setup === "done"
        ? t(NOTICES.setup)
        : signedOut === "everywhere"
          ? t(NOTICES.everywhere)
          : error
            ? t(error in NOTICES ? NOTICES[error as keyof typeof NOTICES] : "noticeFailed")
            : undefined;
  // A fresh production database has nobody to sign in as: point to the first-run page. The
  // sign-in form still shows when the database cannot be asked.
  const setupOpen = await getDb()
    .then(firstRunOpen)
    .catch(() => false);
  return (
    <main id="main" lang={locale} className="mx-auto max-w-sm px-4 py-16">
      <h1 className="mb-6 font-serif text-3xl font-bold">{t("heading")}</h1>
      {notice && (
        <p role={error ? "alert" : "status"} className="mb-4 rounded border border-neutral-400 p-3 text-sm">
          {notice}
        </p>
      )}
      {setupOpen && (
        <p role="status" className="mb-4 rounded border border-neutral-400 p-3 text-sm">
          {t.rich("noAccount", {
            link: (chunks) => (
              <Link prefetch={false} href="/setup" className="underline">
                {chunks}
              </Link>
            ),
          })}
        </p>
      )}
      <LoginForm next={next} text={{ email: t("email"), password: t("password"), submit: t("submit") }} />
      {sso && (
        <form action={oidcLoginAction} className="mt-6 border-t border-neutral-300 pt-6 dark:border-neutral-700">
          <input type="hidden" name="next" value={next ?? ""} />
          <button type="submit" className="w-full rounded border border-neutral-500 px-4 py-2 font-medium">
            {t("withSso", { name: sso })}
          </button>
        </form>
      )}
    </main>
  );
}
