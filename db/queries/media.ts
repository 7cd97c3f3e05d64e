import "server-only";

import type { Tx } from "@/db";
import { media } from "@/db/schema";

/** Records an uploaded image. */
export async function insertMedia({ db, values }: { db: Tx; values: Omit<typeof media.$inferInsert, "id" | "createdAt"> }): Promise<void> {
  await db.insert(media).values(values);
}
