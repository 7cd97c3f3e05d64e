import "server-only";

import type { Tx } from "@/db";
import { media } from "@/db/schema";

/** Records an uploaded image (editor image, featured image, author photo). */
export async function insertMedia({ db, ...row }: { db: Tx } & typeof media.$inferInsert): Promise<void> {
  await db.insert(media).values(row);
}
