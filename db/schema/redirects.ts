import { index, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";

import { articles } from "./articles";

/** Old slugs answer a permanent redirect to the article's current slug. */
export const slugRedirects = pgTable("slug_redirects", {
  oldSlug: text("old_slug").primaryKey(),
  articleId: uuid("article_id")
    .notNull()
    .references(() => articles.id, { onDelete: "cascade" }),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

/**
 * Old tag and author slugs (a tag renamed or merged, an author who changed their slug) answer a
 * permanent redirect to the current one. The target is an id, so chains resolve by themselves;
 * a target that is gone (tag deleted) simply stops redirecting.
 */
export const publicSlugRedirects = pgTable(
  "public_slug_redirects",
  {
    kind: text("kind", { enum: ["tag", "author"] }).notNull(),
    oldSlug: text("old_slug").notNull(),
    /** tags.id (as text) or users.id */
    targetId: text("target_id").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.kind, t.oldSlug] }), index("public_slug_redirects_target_idx").on(t.kind, t.targetId)],
);
