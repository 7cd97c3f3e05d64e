import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";

import { EditorIntlProvider } from "@/components/editor/editor-intl";
import { requireUser } from "@/lib/auth/session";
import { newsroomLocale } from "@/lib/i18n/interface";

import { CreateDraft } from "./create-draft";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations({ locale: await newsroomLocale(), namespace: "editor" });
  return { title: t("page.newTitle") };
}

/**
 * A new article is created as an empty draft the moment this page is opened in a browser (not
 * on prefetch), so autosave, presence and revisions all work from the first keystroke.
 */
export default async function NewArticlePage() {
  await requireUser("/newsroom/articles/new");
  const t = await getTranslations({ locale: await newsroomLocale(), namespace: "editor" });
  return (
    <EditorIntlProvider>
      <h1 className="font-serif text-3xl font-bold">{t("page.newTitle")}</h1>
      <CreateDraft />
    </EditorIntlProvider>
  );
}
