import type { Metadata } from "next";

import { DataTable } from "@/components/newsroom/data-table";
import { getDb } from "@/db";
import { listSectionsWithUsage } from "@/db/queries/sections";
import { requirePower } from "@/lib/auth/guards";

import { Announcer } from "../tags/announcer";
import { CreateSectionForm } from "./create-section-form";
import { SectionRow } from "./section-row";

export const metadata: Metadata = { title: "Sections" };

export default async function SectionsPage() {
  await requirePower("sections:manage", "/newsroom/sections");
  const sections = await listSectionsWithUsage({ db: await getDb() });
  return (
    <div className="space-y-8">
      <h1 className="font-serif text-3xl font-bold">Sections</h1>
      <section aria-labelledby="new-section-heading" className="rounded border border-neutral-300 p-4 dark:border-neutral-700">
        <h2 id="new-section-heading" className="mb-3 text-xl font-semibold">
          New section
        </h2>
        <CreateSectionForm />
      </section>
      <section aria-labelledby="sections-heading">
        <h2 id="sections-heading" className="mb-1 text-xl font-semibold">
          In navigation order
        </h2>
        <p className="mb-3 text-sm text-neutral-700 dark:text-neutral-300">
          The public site lists sections in this order. A section can be deleted only when no article is filed in it.
        </p>
        <Announcer id="sections-message">
          {sections.length === 0 ? (
            <p>No sections yet.</p>
          ) : (
            <DataTable columns={["Name", "Address", "Articles", "Actions"]}>
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
