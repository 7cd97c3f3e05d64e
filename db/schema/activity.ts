import { bigserial, index, jsonb, pgTable, serial, text, timestamp, uuid } from "drizzle-orm/pg-core";

import { articles } from "./articles";
import { users } from "./users";

export const comments = pgTable(
  "comments",
  {
    id: serial("id").primaryKey(),
    articleId: uuid("article_id")
      .notNull()
      .references(() => articles.id, { onDelete: "cascade" }),
    authorId: uuid("author_id").references(() => users.id, { onDelete: "set null" }),
    kind: text("kind").$type<"comment" | "request_changes">().notNull().default("comment"),
    body: text("body").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("comments_article_idx").on(t.articleId, t.createdAt)],
);

/** Append-only: a database trigger refuses UPDATE and DELETE (see the custom migration). */
export const events = pgTable(
  "events",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    type: text("type").notNull(),
    actorId: uuid("actor_id"),
    articleId: uuid("article_id"),
    subjectUserId: uuid("subject_user_id"),
    fromStatus: text("from_status"),
    toStatus: text("to_status"),
    comment: text("comment"),
    data: jsonb("data").$type<Record<string, unknown>>().notNull().default({}),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("events_article_idx").on(t.articleId, t.createdAt), index("events_created_idx").on(t.createdAt)],
);

export const notifications = pgTable(
  "notifications",
  {
    id: serial("id").primaryKey(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    articleId: uuid("article_id").references(() => articles.id, { onDelete: "cascade" }),
    type: text("type").notNull(),
    // The English sentence, as written when created (rows older than `data` have only this).
    message: text("message").notNull(),
    // What the sentence is made of (a catalogue key and its arguments), so each reader sees it in their own language.
    data: jsonb("data").$type<{ key: string; params: Record<string, string | null> }>(),
    readAt: timestamp("read_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("notifications_user_idx").on(t.userId, t.readAt, t.createdAt)],
);
