import { bigint, integer, jsonb, pgTable, text, timestamp } from "drizzle-orm/pg-core";

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
