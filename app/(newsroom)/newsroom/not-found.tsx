import { getTranslations } from "next-intl/server";
import Link from "next/link";

import { newsroomLocale } from "@/lib/i18n/interface";

/** Shown with HTTP 404 for a newsroom address that leads nowhere (an article that does not exist), in the interface language. */
export default async function NewsroomNotFound() {
  const t = await getTranslations({ locale: await newsroomLocale(), namespace: "errors.notFound" });
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
