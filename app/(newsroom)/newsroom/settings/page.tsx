import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import Link from "next/link";

import { getDb } from "@/db";
import { requirePower } from "@/lib/auth/guards";
import { newsroomLocale } from "@/lib/i18n/interface";
import { getSettings } from "@/lib/settings";

import { ChecklistSettings } from "./checklist-settings";
import { SettingsForm } from "./settings-form";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations({ locale: await newsroomLocale(), namespace: "settings" });
  return { title: t("title") };
}

export default async function SettingsPage() {
  await requirePower("settings:manage", "/newsroom/settings");
  const settings = await getSettings(await getDb());
  const t = await getTranslations({ locale: await newsroomLocale(), namespace: "settings" });
  return (
    <div className="space-y-6">
      <h1 className="font-serif text-3xl font-bold">{t("title")}</h1>
      <p className="text-sm text-neutral-700 dark:text-neutral-300">{t.rich("intro", { code: (chunks) => <code>{chunks}</code> })}</p>
      <nav aria-label={t("integrations")} className="flex gap-4 text-sm">
        <Link prefetch={false} href="/newsroom/settings/api" className="underline">
          {t("apiKeys")}
        </Link>
        <Link prefetch={false} href="/newsroom/settings/webhooks" className="underline">
          {t("webhooksLink")}
        </Link>
      </nav>
      <SettingsForm settings={settings} />
      <ChecklistSettings />
    </div>
  );
}
