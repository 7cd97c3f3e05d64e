import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";

import { getDb } from "@/db";
import { listLeadCandidates } from "@/db/queries/front-page";
import { listSectionsWithUsage } from "@/db/queries/sections";
import { requirePower } from "@/lib/auth/guards";
import { orderSectionBlocks } from "@/lib/front-page/front-page";
import { newsroomLocale } from "@/lib/i18n/interface";
import { getSettings } from "@/lib/settings";

import { FrontPageForm } from "./front-page-form";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations({ locale: await newsroomLocale(), namespace: "frontPage" });
  return { title: t("title") };
}

export default async function FrontPageSettingsPage() {
  await requirePower("front:manage", "/newsroom/front-page");
  const db = await getDb();
  const [settings, candidates, sections] = await Promise.all([getSettings(db), listLeadCandidates({ db }), listSectionsWithUsage({ db })]);
  const { frontPage } = settings;
  const t = await getTranslations({ locale: await newsroomLocale(), namespace: "frontPage" });
  // Shown in the front page's current order, hidden sections included (at the end).
  const shown = orderSectionBlocks(sections, { ...frontPage, hiddenSections: [] });
  return (
    <div className="space-y-6">
      <h1 className="font-serif text-3xl font-bold">{t("title")}</h1>
      <p className="max-w-2xl text-sm text-neutral-700 dark:text-neutral-300">{t("intro")}</p>
      <FrontPageForm
        leadArticleId={frontPage.leadArticleId}
        candidates={candidates.map((c) => ({ id: c.id, headline: c.headline }))}
        sections={shown.map((s, i) => ({ slug: s.slug, name: s.name, position: i + 1, hidden: frontPage.hiddenSections.includes(s.slug) }))}
      />
    </div>
  );
}
