import { index, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";

import { articles } from "./articles";

/**
 * What an import (WordPress, Ghost, our own JSON) created, keyed by the source's own identity
 * (a WordPress GUID, a Ghost id…): a second run finds each item here and updates it only when
 * its content hash changed, so nothing is duplicated. It is also the import's resumable cursor:
 * every batch commits its items and their rows here together, and the next run skips them.
 */
export const importSources = pgTable(
  "import_sources",
  {
    source: text("source", { enum: ["wordpress", "ghost", "newsroom"] }).notNull(),
    kind: text("kind", { enum: ["post", "user", "section", "tag", "image"] }).notNull(),
    externalId: text("external_id").notNull(),
    /** articles.id, users.id, sections.id, tags.id (as text) or an uploaded image's address. */
    targetId: text("target_id").notNull(),
    contentHash: text("content_hash").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.source, t.kind, t.externalId] }), index("import_sources_target_idx").on(t.kind, t.targetId)],
);

/**
 * Addresses of the old site (`/2024/03/14/slug/`, `/?p=123`, `/category/x/`) answering a 308 to
 * their new place. An article's target follows its current slug; other targets are paths.
 */
export const legacyRedirects = pgTable("legacy_redirects", {
  /** Path and query as the old site wrote it, normalised by legacyPathKey (lib/import/permalinks.ts). */
  path: text("path").primaryKey(),
  articleId: uuid("article_id").references(() => articles.id, { onDelete: "cascade" }),
  target: text("target"),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});
