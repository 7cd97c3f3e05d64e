import { customType, index, integer, pgTable, serial, text, timestamp, uuid, type AnyPgColumn } from "drizzle-orm/pg-core";

import { articles } from "./articles";
import { users } from "./users";

/** Binary column: postgres-js hands back a Buffer, PGlite a Uint8Array; both are Uint8Array. */
const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({
  dataType: () => "bytea",
  toDriver: (value) => Buffer.from(value.buffer, value.byteOffset, value.byteLength),
  fromDriver: (value) => new Uint8Array(value),
});

/**
 * Inline comments on the live body (lib/inline-comments/). A thread is a row with no parent: it
 * holds the anchor, two encoded Yjs relative positions in the body's XML fragment, so it follows
 * the text through everyone's edits, and the text quoted when it was made (shown when the anchor
 * no longer resolves: "detached"). Replies are rows with `parent_id`. Never part of the article's
 * document: nothing here reaches the public HTML, feeds, search or the API.
 */
export const inlineComments = pgTable(
  "inline_comments",
  {
    id: serial("id").primaryKey(),
    articleId: uuid("article_id")
      .notNull()
      .references(() => articles.id, { onDelete: "cascade" }),
    parentId: integer("parent_id").references((): AnyPgColumn => inlineComments.id, { onDelete: "cascade" }),
    authorId: uuid("author_id").references(() => users.id, { onDelete: "set null" }),
    body: text("body").notNull(),
    quote: text("quote"),
    anchorFrom: bytea("anchor_from"),
    anchorTo: bytea("anchor_to"),
    resolvedAt: timestamp("resolved_at", { withTimezone: true }),
    resolvedById: uuid("resolved_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("inline_comments_article_idx").on(t.articleId, t.createdAt), index("inline_comments_parent_idx").on(t.parentId)],
);

export type InlineComment = typeof inlineComments.$inferSelect;
