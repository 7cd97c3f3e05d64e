import { customType, integer, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";

import { articles } from "./articles";

/** Binary column: postgres-js hands back a Buffer, PGlite a Uint8Array; both are Uint8Array. */
const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({
  dataType: () => "bytea",
  toDriver: (value) => Buffer.from(value.buffer, value.byteOffset, value.byteLength),
  fromDriver: (value) => new Uint8Array(value),
});

/**
 * The live (Yjs) state of an article's body, kept by the collaboration server (lib/collab/). The
 * article row keeps the materialised Tiptap JSON that the rest of the app reads; `bodyHash` is
 * md5 of that body as last written from this state, so a body changed by anything else (restore,
 * import, a version-checked save) is noticed and the live document rebuilt from it.
 */
export const collabDocuments = pgTable("collab_documents", {
  articleId: uuid("article_id")
    .primaryKey()
    .references(() => articles.id, { onDelete: "cascade" }),
  state: bytea("state").notNull(),
  bodyHash: text("body_hash").notNull(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

/**
 * Connection attempts to the collaboration server per client address and minute
 * (lib/collab/limits.ts): in the database, so every instance behind a load balancer counts
 * against the same limit. One row per address, its current window and the attempts in it.
 */
export const collabAttemptWindows = pgTable("collab_attempt_windows", {
  address: text("address").primaryKey(),
  windowStart: timestamp("window_start", { withTimezone: true }).notNull(),
  attempts: integer("attempts").notNull(),
});

export type CollabDocument = typeof collabDocuments.$inferSelect;
