import { DataTable } from "@/components/newsroom/data-table";
import { getDb } from "@/db";
import { listChecklistItems } from "@/db/queries/checklist";

import { Announcer } from "../tags/announcer";
import { ChecklistItemRow, CreateChecklistItemForm } from "./checklist-forms";

/** The sign-off checklist editors tick on each article; its required items gate Approve, Publish and Schedule. */
export async function ChecklistSettings() {
  const items = await listChecklistItems({ db: await getDb() });
  return (
    <section aria-labelledby="checklist-heading" className="space-y-4 rounded border border-neutral-300 p-4 dark:border-neutral-700">
      <h2 id="checklist-heading" className="text-xl font-semibold">
        Checklist
      </h2>
      <p className="text-sm text-neutral-700 dark:text-neutral-300">
        Editors tick these items in the article sidebar (never on an article they wrote). Every required item must be ticked before an article is approved,
        published or scheduled; a change of headline or body clears the ticks. With no items, nothing is asked.
      </p>
      <CreateChecklistItemForm />
      <Announcer id="checklist-message">
        {items.length === 0 ? (
          <p>No checklist items.</p>
        ) : (
          <DataTable columns={["Item", "Order", "Actions"]} caption="Checklist items in order">
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
