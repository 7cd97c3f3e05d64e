import "server-only";

import { asc, eq } from "drizzle-orm";

import type { Tx } from "@/db";
import { sections } from "@/db/schema";

/** The sections an article can be filed in, in their order. */
export async function listSectionChoices({ db }: { db: Tx }): Promise<{ id: number; name: string }[]> {
  return db.select({ id: sections.id, name: sections.name }).from(sections).orderBy(asc(sections.position), asc(sections.name));
}

export async function sectionExists({ db, id }: { db: Tx; id: number }): Promise<boolean> {
  const found = await db.select({ id: sections.id }).from(sections).where(eq(sections.id, id));
  return found.length > 0;
}
