import { getTranslations } from "next-intl/server";

import { StatusPage } from "@/components/newsroom/status-page";
import { newsroomLocale } from "@/lib/i18n/interface";

/** Shown with HTTP 404 for a newsroom address that leads nowhere (an article that does not exist), in the interface language. */
export default async function NewsroomNotFound() {
  const t = await getTranslations({ locale: await newsroomLocale(), namespace: "errors.notFound" });
  return <StatusPage title={t("title")} text={t("text")} back={t("back")} />;
}
