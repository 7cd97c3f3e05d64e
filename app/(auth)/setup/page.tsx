import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { notFound } from "next/navigation";
import { connection } from "next/server";

import { getDb } from "@/db";
import { interfaceLocale } from "@/lib/i18n/interface";
import { firstRunOpen } from "@/lib/users/first-run";

import { SetupForm } from "./setup-form";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations({ locale: await interfaceLocale(), namespace: "setup" });
  return { title: t("title"), robots: { index: false } };
}

/** The first-run page of an empty database; once any account exists it is not there at all. */
export default async function SetupPage() {
  await connection();
  if (!(await firstRunOpen(await getDb()))) notFound();
  // Nobody is signed in yet: the browser's language (Accept-Language), else the site's.
  const locale = await interfaceLocale();
  const t = await getTranslations({ locale, namespace: "setup" });
  const keys = ["name", "email", "password", "passwordHint", "confirm", "submit"] as const;
  return (
    <main id="main" lang={locale} className="mx-auto max-w-sm px-4 py-16">
      <h1 className="mb-6 font-serif text-3xl font-bold">{t("heading")}</h1>
      <p className="mb-6">{t("intro")}</p>
      <SetupForm text={Object.fromEntries(keys.map((k) => [k, t(k)])) as Record<(typeof keys)[number], string>} />
    </main>
  );
}
