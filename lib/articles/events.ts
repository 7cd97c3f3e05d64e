import "server-only";

import type { Tx } from "@/db";
import { insertEvent, type EventInput } from "@/db/queries/events";

export type { EventInput };

/**
 * The event log's old entry point, still called by the users, settings, taxonomy and workflow
 * code; new code calls insertEvent. Goes once those callers have moved.
 */
export async function recordEvent(db: Tx, input: EventInput): Promise<void> {
  await insertEvent({ db, event: input });
}
