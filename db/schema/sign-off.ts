import { boolean, index, integer, pgTable, primaryKey, serial, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";

import { articles } from "./articles";
import { users } from "./users";

/**
 * A preview shared with someone without an account. Only the token's SHA-256 is stored: the
 * token itself is shown once, to its creator. `revisionNumber` set: that version; null: always
 * the latest working copy.
 */
export const previewLinks = pgTable(
  "preview_links",
  {
    id: serial("id").primaryKey(),
    articleId: uuid("article_id")
      .notNull()
      .references(() => articles.id, { onDelete: "cascade" }),
    tokenHash: text("token_hash").notNull(),
    revisionNumber: integer("revision_number"),
    createdById: uuid("created_by_id").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
    revokedById: uuid("revoked_by_id").references(() => users.id, { onDelete: "set null" }),
    lastOpenedAt: timestamp("last_opened_at", { withTimezone: true }),
    openCount: integer("open_count").notNull().default(0),
  },
  (t) => [uniqueIndex("preview_links_token_idx").on(t.tokenHash), index("preview_links_article_idx").on(t.articleId, t.createdAt)],
);

/** The sign-off checklist admins define (settings); editors tick its items per article. */
export const checklistItems = pgTable("checklist_items", {
  id: serial("id").primaryKey(),
  label: text("label").notNull(),
  required: boolean("required").notNull().default(true),
  position: integer("position").notNull().default(0),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

/**
 * A tick of one checklist item on one article, with who and when. `articleVersion` is the
 * working copy's version when ticked: a later change of headline or body clears the ticks.
 */
export const articleChecklistTicks = pgTable(
  "article_checklist_ticks",
  {
    articleId: uuid("article_id")
      .notNull()
      .references(() => articles.id, { onDelete: "cascade" }),
    itemId: integer("item_id")
      .notNull()
      .references(() => checklistItems.id, { onDelete: "cascade" }),
    tickedById: uuid("ticked_by_id").references(() => users.id, { onDelete: "set null" }),
    tickedAt: timestamp("ticked_at", { withTimezone: true }).notNull().defaultNow(),
    articleVersion: integer("article_version").notNull(),
  },
  (t) => [primaryKey({ columns: [t.articleId, t.itemId] })],
);
