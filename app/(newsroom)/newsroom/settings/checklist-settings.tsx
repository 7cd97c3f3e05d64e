import { getTranslations } from "next-intl/server";

import { DataTable } from "@/components/newsroom/data-table";
import { getDb } from "@/db";
import { listChecklistItems } from "@/db/queries/checklist";
import { newsroomLocale } from "@/lib/i18n/interface";

import { Announcer } from "../tags/announcer";
import { ChecklistItemRow, CreateChecklistItemForm } from "./checklist-forms";

/** The sign-off checklist editors tick on each article; its required items gate Approve, Publish and Schedule. */
export async function ChecklistSettings() {
  const items = await listChecklistItems({ db: await getDb() });
  const t = await getTranslations({ locale: await newsroomLocale(), namespace: "settings.checklist" });
  return (
    <section aria-labelledby="checklist-heading" className="space-y-4 rounded border border-neutral-300 p-4 dark:border-neutral-700">
      <h2 id="checklist-heading" className="text-xl font-semibold">
        {t("heading")}
      </h2>
      <p className="text-sm text-neutral-700 dark:text-neutral-300">{t("intro")}</p>
      <CreateChecklistItemForm />
      <Announcer id="checklist-message">
        {items.length === 0 ? (
          <p>{t("empty")}</p>
        ) : (
          <DataTable columns={[t("columns.item"), t("columns.order"), t("columns.actions")]} caption={t("caption")}>
            {items.map((item, i) => (
              <ChecklistItemRow
                key={item.id}
                item={{ id: item.id, label: item.label, required: item.required }}
                first={i === 0}
                last={i === items.length - 1}
              />
            ))}
          </DataTable>
        )}
      </Announcer>
    </section>
  );
}
