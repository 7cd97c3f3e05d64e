import { getTranslations } from "next-intl/server";

import { StatusPage } from "@/components/newsroom/status-page";
import { newsroomLocale } from "@/lib/i18n/interface";

/** Shown with HTTP 403 when a signed-in user asks for a newsroom page their role does not open. */
export default async function Forbidden() {
  const t = await getTranslations({ locale: await newsroomLocale(), namespace: "errors.forbidden" });
  return <StatusPage title={t("title")} text={t("text")} back={t("back")} />;
}
