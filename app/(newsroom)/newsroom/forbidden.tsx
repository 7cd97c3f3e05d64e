import { getTranslations } from "next-intl/server";
import Link from "next/link";

import { newsroomLocale } from "@/lib/i18n/interface";

/** Shown with HTTP 403 when a signed-in user asks for a newsroom page their role does not open. */
export default async function Forbidden() {
  const t = await getTranslations({ locale: await newsroomLocale(), namespace: "errors.forbidden" });
  return (
    <div className="mx-auto max-w-xl py-16 text-center">
      <h1 className="font-serif text-3xl font-bold">{t("title")}</h1>
      <p className="mt-4">{t("text")}</p>
      <p className="mt-6">
        <Link href="/newsroom" className="underline">
          {t("back")}
        </Link>
      </p>
    </div>
  );
}
