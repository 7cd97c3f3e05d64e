import "server-only";

import type { Tx } from "@/db";
import { events } from "@/db/schema";

export type EventInput = {
  type: string;
  actorId?: string | null;
  articleId?: string | null;
  subjectUserId?: string | null;
  fromStatus?: string | null;
  toStatus?: string | null;
  comment?: string | null;
  data?: Record<string, unknown>;
};

/** Appends to the event log (append-only: the database refuses updates and deletes). */
export async function insertEvent({ db, event }: { db: Tx; event: EventInput }): Promise<void> {
  await db.insert(events).values({ ...event, data: event.data ?? {} });
}
