import "server-only";

import type { Tx } from "@/db";
import { listPresentUsers, upsertPresence } from "@/db/queries/presence";

/** A heartbeat every 15 s; someone unseen for 45 s has left (closed tab, lost network). */
export const PRESENCE_TTL_SECONDS = 45;

/** Records that `userId` has the article open and returns who else has it open now. */
export async function heartbeat(db: Tx, articleId: string, userId: string): Promise<{ id: string; name: string }[]> {
  await upsertPresence({ db, articleId, userId });
  return listPresentUsers({ db, articleId, exceptUserId: userId, seconds: PRESENCE_TTL_SECONDS });
}
