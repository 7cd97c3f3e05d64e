import { bigint, bigserial, index, integer, jsonb, pgTable, text, timestamp } from "drizzle-orm/pg-core";

export const siteSettings = pgTable("site_settings", {
  key: text("key").primaryKey(),
  value: jsonb("value").notNull(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

/**
 * One row: a counter that database triggers bump whenever something readers can see changes
 * (a publication, an unpublication, a slug, a profile, a section…; see migration 0003). Public
 * pages key their cached data on it, so every app instance — and the scheduler, which runs
 * outside any request — makes a change visible on the next request, without shared memory.
 */
export const publicCacheState = pgTable("public_cache_state", {
  id: integer("id").primaryKey().default(1),
  generation: bigint("generation", { mode: "number" }).notNull().default(1),
  changedAt: timestamp("changed_at", { withTimezone: true }).notNull().defaultNow(),
});

/**
 * Cache tags to purge at the CDN (lib/cdn/purge.ts). Database triggers queue them in the same
 * transaction as the change readers can see (migration 0010), so every public change is
 * covered, the scheduler's included; the purge itself happens later, so a slow or failing CDN
 * never holds up a publication.
 */
export const cdnPurgeOutbox = pgTable(
  "cdn_purge_outbox",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    tags: text("tags").array().notNull(),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true }).notNull().defaultNow(),
    lastError: text("last_error"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("cdn_purge_outbox_due_idx").on(t.nextAttemptAt)],
);
