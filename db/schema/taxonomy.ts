import { sql } from "drizzle-orm";
import { index, integer, pgTable, serial, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";

export const sections = pgTable(
  "sections",
  {
    id: serial("id").primaryKey(),
    name: text("name").notNull(),
    slug: text("slug").notNull(),
    position: integer("position").notNull().default(0),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("sections_slug_idx").on(t.slug)],
);

export const tags = pgTable(
  "tags",
  {
    id: serial("id").primaryKey(),
    name: text("name").notNull(),
    // The slug folds case and accents, so it is also the identity of a tag.
    slug: text("slug").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  // A tag is found by its slug without hyphens (lib/validations/article.ts, tagIdentity).
  (t) => [uniqueIndex("tags_slug_idx").on(t.slug), index("tags_identity_idx").on(sql`replace(${t.slug}, '-', '')`)],
);
