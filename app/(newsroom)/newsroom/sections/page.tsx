import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";

import { DataTable } from "@/components/newsroom/data-table";
import { getDb } from "@/db";
import { listSectionsWithUsage } from "@/db/queries/sections";
import { requirePower } from "@/lib/auth/guards";
import { newsroomLocale } from "@/lib/i18n/interface";

import { Announcer } from "../tags/announcer";
import { CreateSectionForm } from "./create-section-form";
import { SectionRow } from "./section-row";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations({ locale: await newsroomLocale(), namespace: "taxonomy.sections" });
  return { title: t("title") };
}

export default async function SectionsPage() {
  await requirePower("sections:manage", "/newsroom/sections");
  const sections = await listSectionsWithUsage({ db: await getDb() });
  const t = await getTranslations({ locale: await newsroomLocale(), namespace: "taxonomy.sections" });
  return (
    <div className="space-y-8">
      <h1 className="font-serif text-3xl font-bold">{t("title")}</h1>
      <section aria-labelledby="new-section-heading" className="rounded border border-neutral-300 p-4 dark:border-neutral-700">
        <h2 id="new-section-heading" className="mb-3 text-xl font-semibold">
          {t("new")}
        </h2>
        <CreateSectionForm />
      </section>
      <section aria-labelledby="sections-heading">
        <h2 id="sections-heading" className="mb-1 text-xl font-semibold">
          {t("order")}
        </h2>
        <p className="mb-3 text-sm text-neutral-700 dark:text-neutral-300">{t("orderHint")}</p>
        <Announcer id="sections-message">
          {sections.length === 0 ? (
            <p>{t("empty")}</p>
          ) : (
            <DataTable columns={[t("columns.name"), t("columns.address"), t("columns.articles"), t("columns.actions")]}>
              {sections.map((s, i) => (
                <SectionRow key={s.id} section={s} first={i === 0} last={i === sections.length - 1} />
              ))}
            </DataTable>
          )}
        </Announcer>
      </section>
    </div>
  );
}
